import { withoutUndefined } from "../shared/defined.js";
import { readOurAnnotations } from "./annotations.js";
import type { DocumentReader } from "./document-reader.js";
import type { BackstageEntity, BackstageKind, EntityRelation } from "./entity.js";
import { type LocationSite, readLocationTargets } from "./read-location.js";
import { isBlank, readLinks, readTags } from "./read-metadata.js";
import { DEFAULT_NAMESPACE, formatRef, nameProblem, namespaceProblem } from "./ref.js";
import { RefReader, type RefSite } from "./ref-reader.js";
import { aKind, apiVersionsOf, EXPECTED_FIELDS, OWNER_REQUIRED, SPEC_REFS } from "./spec-refs.js";

export type { RefSite } from "./ref-reader.js";

const NAME_EXAMPLE = "letters and digits separated by - _ or ., e.g. payments-api";

/** Where the references and Location targets a document makes are noted, for checks across files. */
export interface EntitySites {
  refs: RefSite[];
  locations: LocationSite[];
}

/**
 * One entity document of a Backstage kind; undefined when it has no usable name (the problem is recorded). Other
 * problems are recorded and the entity is still returned: the caller leaves out an entity with an error.
 */
export function readEntity(
  reader: DocumentReader,
  kind: BackstageKind,
  sites: EntitySites = { refs: [], locations: [] },
): BackstageEntity | undefined {
  const apiVersion = reader.value(["apiVersion"]);
  const versions = apiVersionsOf(kind);
  if (typeof apiVersion === "string" && !versions.includes(apiVersion.trim())) {
    reader.warn(
      ["apiVersion"],
      `Backstage reads ${aKind(kind)} at apiVersion ${versions.join(" or ")}; read as one`,
    );
  }
  if (reader.mapping(["metadata"]) === undefined) {
    reader.error(["metadata"], `required: ${aKind(kind)} needs metadata.name`);
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
  const refs = new RefReader(reader, namespace, sites.refs);
  const relations: EntityRelation[] = [];
  const byKey: Record<string, string[]> = {};
  for (const field of SPEC_REFS[kind]) {
    const path = ["spec", field.key];
    const targets = field.list ? refs.list(path, field) : [refs.one(path, field)].flatMap((ref) => ref ?? []);
    byKey[field.key] = targets;
    for (const target of targets) relations.push({ type: field.relation, target });
  }
  const entity: BackstageEntity = {
    ref: formatRef({ kind, namespace, name }),
    kind,
    namespace,
    name,
    ...withoutUndefined({ title, description }),
    tags: readTags(reader),
    annotations,
    links: readLinks(reader),
    dependsOn: byKey.dependsOn ?? [],
    children: byKey.children ?? [],
    relations,
    ...ours,
    source: reader.at(["metadata", "name"]),
  };
  Object.assign(
    entity,
    withoutUndefined({
      type: reader.text(["spec", "type"]),
      lifecycle: reader.text(["spec", "lifecycle"]),
      owner: byKey.owner?.[0],
      system: byKey.system?.[0],
      parent: byKey.parent?.[0],
      displayName: reader.text(["spec", "profile", "displayName"]),
    }),
  );
  if (kind === "Location") entity.targets = readLocationTargets(reader, sites.locations);
  checkRequired(reader, kind);
  return entity;
}

function checkRequired(reader: DocumentReader, kind: BackstageKind): void {
  if (OWNER_REQUIRED.includes(kind) && isBlank(reader.value(["spec", "owner"]))) {
    reader.error(
      ["spec", "owner"],
      `required: Backstage requires an owner for ${aKind(kind)}; name its team (e.g. owner: group:payments)`,
    );
  }
  for (const [field, example] of EXPECTED_FIELDS[kind] ?? []) {
    if (isBlank(reader.value(["spec", field]))) {
      reader.warn(["spec", field], `missing: Backstage requires it for ${aKind(kind)} (${example})`);
    }
  }
}
