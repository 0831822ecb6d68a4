import { formatPath, type YamlPath } from "../shared/yaml-location.js";
import { readOurAnnotations } from "./annotations.js";
import type { DocumentReader } from "./document-reader.js";
import { isRecord } from "./document-reader.js";
import type { CatalogEntity, EntityKind, EntityLink, SourcePosition } from "./entity.js";
import { DEFAULT_NAMESPACE, formatRef, nameProblem, namespaceProblem, parseRef } from "./ref.js";

/** The API versions Backstage accepts for Component, System and Group. */
export const API_VERSIONS = ["backstage.io/v1alpha1", "backstage.io/v1beta1"];

const NAME_EXAMPLE = "letters and digits separated by - _ or ., e.g. payments-api";
const TAG = /^[a-z0-9:+#]+(?:-[a-z0-9:+#]+)*$/;

/** What a reference field may point at: its default kind and the kinds allowed. */
interface RefRule {
  kind: string;
  allowed: readonly string[];
}

const OWNER: RefRule = { kind: "group", allowed: ["group", "user"] };
const SYSTEM: RefRule = { kind: "system", allowed: ["system"] };
const DEPENDENCY: RefRule = { kind: "component", allowed: ["component", "resource"] };
const GROUP: RefRule = { kind: "group", allowed: ["group"] };

/** A reference written in an entity, for checking it points at an entity of the catalog. */
export interface RefSite {
  /** The field, e.g. `spec.owner`, `spec.dependsOn[1]`. */
  field: string;
  /** As written. */
  written: string;
  /** Normalised. */
  target: string;
  position: SourcePosition;
}

/**
 * One Component, System or Group document as an entity; undefined when it has no usable name (the problem is
 * recorded). Other problems are recorded and the entity is still returned, so references to it resolve.
 */
export function readEntity(
  reader: DocumentReader,
  kind: EntityKind,
  sites: RefSite[] = [],
): CatalogEntity | undefined {
  const apiVersion = reader.value(["apiVersion"]);
  if (typeof apiVersion !== "string" || !API_VERSIONS.includes(apiVersion)) {
    reader.error(["apiVersion"], `write apiVersion: backstage.io/v1alpha1 (a ${kind} needs it)`);
  }
  if (reader.mapping(["metadata"]) === undefined) {
    reader.error(["metadata"], `required: a ${kind} needs metadata.name`);
    return undefined;
  }
  const name = reader.text(["metadata", "name"]);
  if (name === undefined) {
    if (!isBlank(reader.value(["metadata", "name"]))) return undefined;
    reader.error(["metadata", "name"], `required: give the ${kind} a name (${NAME_EXAMPLE})`);
    return undefined;
  }
  const nameError = nameProblem(name);
  if (nameError) {
    reader.error(["metadata", "name"], `"${name}" is not a valid name: ${nameError}`);
    return undefined;
  }
  let namespace = reader.text(["metadata", "namespace"]) ?? DEFAULT_NAMESPACE;
  const namespaceError = namespaceProblem(namespace);
  if (namespaceError) {
    reader.error(["metadata", "namespace"], `"${namespace}" is not a valid namespace: ${namespaceError}`);
    namespace = DEFAULT_NAMESPACE;
  }
  const annotations = reader.textMap(["metadata", "annotations"]);
  const ours = readOurAnnotations(reader, annotations);
  const title = reader.text(["metadata", "title"]);
  const description = reader.text(["metadata", "description"]);
  reader.mapping(["spec"]);
  const read = new RefReader(reader, namespace, sites);
  const refs = (path: YamlPath, rule: RefRule) => read.one(path, rule);
  const entity: CatalogEntity = {
    ref: formatRef({ kind, namespace, name }),
    kind,
    namespace,
    name,
    ...(title !== undefined ? { title } : {}),
    ...(description !== undefined ? { description } : {}),
    tags: readTags(reader),
    annotations,
    links: readLinks(reader),
    dependsOn: read.list(["spec", "dependsOn"], DEPENDENCY),
    children: read.list(["spec", "children"], GROUP),
    ...ours,
    source: reader.at(["metadata", "name"]),
  };
  const type = reader.text(["spec", "type"]);
  const lifecycle = reader.text(["spec", "lifecycle"]);
  const owner = refs(["spec", "owner"], OWNER);
  const system = refs(["spec", "system"], SYSTEM);
  const parent = refs(["spec", "parent"], GROUP);
  const displayName = reader.text(["spec", "profile", "displayName"]);
  Object.assign(entity, defined({ type, lifecycle, owner, system, parent, displayName }));

  if (kind !== "Group" && isBlank(reader.value(["spec", "owner"]))) {
    reader.error(
      ["spec", "owner"],
      `required: Backstage requires an owner for a ${kind}; name its team (e.g. owner: group:payments)`,
    );
  }
  if (kind === "Component" && type === undefined) {
    reader.warn(["spec", "type"], "missing: Backstage requires it (e.g. type: service, website, library)");
  }
  if (kind === "Component" && lifecycle === undefined) {
    reader.warn(["spec", "lifecycle"], "missing: Backstage requires it (e.g. lifecycle: production)");
  }
  if (kind === "Group" && type === undefined) {
    reader.warn(["spec", "type"], "missing: Backstage requires it for a Group (e.g. type: team)");
  }
  return entity;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Reads reference fields against one rule each, noting where each was written. */
class RefReader {
  constructor(
    private readonly reader: DocumentReader,
    private readonly namespace: string,
    private readonly sites: RefSite[],
  ) {}

  one(path: YamlPath, rule: RefRule): string | undefined {
    const text = this.reader.text(path);
    if (text === undefined) return undefined;
    const parsed = parseRef(text, { kind: rule.kind, namespace: this.namespace });
    if (!parsed.ok) {
      this.reader.error(path, parsed.problem);
      return undefined;
    }
    if (!rule.allowed.includes(parsed.kind)) {
      const kinds = rule.allowed.map((kind) => `${kind}:…`).join(" or ");
      this.reader.error(path, `"${text}" is a ${parsed.kind}: this field takes ${kinds}`);
      return undefined;
    }
    this.sites.push({
      field: formatPath(path),
      written: text,
      target: parsed.ref,
      position: this.reader.at(path),
    });
    return parsed.ref;
  }

  list(path: YamlPath, rule: RefRule): string[] {
    const items = this.reader.value(path);
    if (!Array.isArray(items)) {
      this.reader.textList(path);
      return [];
    }
    return items.flatMap((_, index) => this.one([...path, index], rule) ?? []);
  }
}

function readTags(reader: DocumentReader): string[] {
  const tags = reader.textList(["metadata", "tags"]);
  tags.forEach((tag, index) => {
    if (tag.length > 63 || !TAG.test(tag)) {
      reader.error(
        ["metadata", "tags", index],
        `"${tag}" is not a valid tag: lower-case letters, digits and : + # in groups separated by -, at most 63 characters`,
      );
    }
  });
  return tags;
}

function readLinks(reader: DocumentReader): EntityLink[] {
  const links = reader.value(["metadata", "links"]);
  if (links === undefined || links === null) return [];
  if (!Array.isArray(links)) {
    reader.error(["metadata", "links"], "expected a list of links, each with a url");
    return [];
  }
  return links.flatMap((link, index): EntityLink[] => {
    const path = ["metadata", "links", index];
    if (!isRecord(link)) {
      reader.error(path, "expected a link: a mapping with url (and title, icon, type)");
      return [];
    }
    const url = reader.text([...path, "url"]);
    if (url === undefined) {
      reader.error(path, "url is required: give the link's address (e.g. url: https://…)");
      return [];
    }
    if (!URL.canParse(url)) {
      reader.error(
        [...path, "url"],
        `"${url}" is not a URL: write it in full, e.g. https://grafana.example/d/abc`,
      );
      return [];
    }
    const extra = defined({
      title: reader.text([...path, "title"]),
      icon: reader.text([...path, "icon"]),
      type: reader.text([...path, "type"]),
    });
    return [{ url, ...extra }];
  });
}
