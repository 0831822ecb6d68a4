import { type Document, LineCounter, parseAllDocuments } from "yaml";
import { yamlSyntaxProblem } from "../shared/yaml-config.js";
import { locate, type YamlPath } from "../shared/yaml-location.js";
import {
  backstageKind,
  isBackstageApiVersion,
  isForeignApiVersion,
  isTemplateSkeleton,
  looksLikeBackstage,
} from "./document-class.js";
import { DocumentReader, isRecord } from "./document-reader.js";
import {
  BACKSTAGE_KINDS,
  type BackstageEntity,
  type SkippedEntity,
  type SkipReason,
  type SourcePosition,
} from "./entity.js";
import type { CatalogProblem } from "./problem.js";
import { readEntity } from "./read-entity.js";
import type { LocationSite } from "./read-location.js";
import { DEFAULT_NAMESPACE, formatRef, nameProblem } from "./ref.js";
import type { RefSite } from "./ref-reader.js";
import { aKind } from "./spec-refs.js";
import { closest } from "./suggest.js";

export interface ParsedFile {
  entities: BackstageEntity[];
  skipped: SkippedEntity[];
  problems: CatalogProblem[];
  /** Every reference the entities make, where it is written. */
  refs: RefSite[];
  /** Every target of the Location entities, where it is written. */
  locations: LocationSite[];
}

export function emptyParsedFile(): ParsedFile {
  return { entities: [], skipped: [], problems: [], refs: [], locations: [] };
}

/** Every document of one catalog file (`---` separates them); `file` is the name problems are reported under. */
export function parseCatalogFile(text: string, file: string): ParsedFile {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    logLevel: "error",
  });
  const result = emptyParsedFile();
  const documents = Array.isArray(parsed) ? parsed : [];
  for (const doc of documents) {
    const position = (offset: number): SourcePosition => {
      const { line, col } = lineCounter.linePos(offset);
      return { file, line, column: col };
    };
    const [start, , end] = doc.range ?? [0, text.length, text.length];
    readDocument(doc, text.slice(start, end), position(start), position, result);
  }
  return result;
}

/**
 * One document: an entity, or skipped and counted. Only a document meant as a Backstage entity can be an error;
 * anything else in the folder (`mkdocs.yml`, a Helm chart, a template's skeleton) is someone else's and is skipped.
 */
function readDocument(
  doc: Document,
  source: string,
  start: SourcePosition,
  position: (offset: number) => SourcePosition,
  into: ParsedFile,
): void {
  const place = (path: YamlPath) => position(locate(doc.contents, path));
  const skip = (reason: SkipReason, extra: Omit<SkippedEntity, "reason" | "source"> = {}) => {
    into.skipped.push({ reason, ...extra, source: doc.contents ? place([]) : start });
  };
  const { content, broken } = contentOf(doc);
  if (broken) {
    if (!looksLikeBackstage(source)) {
      skip("not-backstage");
      return;
    }
    if (isTemplateSkeleton(source)) {
      skip("template-skeleton");
      return;
    }
    into.problems.push({ severity: "error", ...position(broken.offset), field: "", message: broken.message });
    skip("invalid");
    return;
  }
  if (content === null || content === undefined) return;
  if (!isRecord(content)) {
    skip("not-backstage");
    return;
  }
  const reader = new DocumentReader(content, place, into.problems);
  const kind = backstageKind(content.kind);
  const written = typeof content.kind === "string" ? content.kind.trim() : undefined;
  if (!isBackstageApiVersion(content.apiVersion)) {
    // Another API group's document (Kubernetes, OpenShift…), or a mapping that names no Backstage kind.
    if (kind === undefined || isForeignApiVersion(content.apiVersion)) {
      skip("not-backstage");
      return;
    }
    if (isTemplateSkeleton(source)) {
      skip("template-skeleton", { kind });
      return;
    }
    const wrote =
      content.apiVersion === undefined ? "no apiVersion" : `apiVersion ${String(content.apiVersion)}`;
    reader.warn(
      ["apiVersion"],
      `${aKind(kind)} with ${wrote} is not read as a Backstage entity: write apiVersion: backstage.io/v1alpha1 if it is one`,
    );
    skip("not-backstage", { kind });
    return;
  }
  if (isTemplateSkeleton(source) && kind !== "Template") {
    skip("template-skeleton", defined(written));
    return;
  }
  if (written === undefined) {
    if (content.kind === undefined || content.kind === null) {
      reader.error(["kind"], `required: write the entity's kind (${BACKSTAGE_KINDS.join(", ")})`);
    } else reader.text(["kind"]);
    skip("invalid");
    return;
  }
  if (kind === undefined) {
    const guess = closest(written, BACKSTAGE_KINDS);
    const hint = guess ? `did you mean ${guess}?` : `Backstage defines ${BACKSTAGE_KINDS.join(", ")}`;
    reader.warn(["kind"], `unknown kind "${written}" (a plugin's own, or a misspelling), skipped; ${hint}`);
    skip("unknown-kind", { kind: written, ...skippedRef(reader, written) });
    return;
  }
  const errors = errorCount(into.problems);
  const refs = into.refs.length;
  const locations = into.locations.length;
  const entity = readEntity(reader, kind, into);
  if (entity !== undefined && errorCount(into.problems) === errors) {
    into.entities.push(entity);
    return;
  }
  // An entity with an error is left out, and so are its references and Location targets.
  into.refs.length = refs;
  into.locations.length = locations;
  skip("invalid", { kind, ...(entity ? { ref: entity.ref } : {}) });
}

/** The document's value, or where and why it is not valid YAML. */
function contentOf(doc: Document): { content?: unknown; broken?: { offset: number; message: string } } {
  const syntax = doc.errors[0];
  if (syntax) return { broken: { offset: syntax.pos[0], message: yamlSyntaxProblem(syntax) } };
  try {
    return { content: doc.toJS() };
  } catch (error) {
    return { broken: { offset: locate(doc.contents, []), message: (error as Error).message } };
  }
}

function defined(kind: string | undefined): { kind?: string } {
  return kind === undefined ? {} : { kind };
}

function errorCount(problems: readonly CatalogProblem[]): number {
  return problems.reduce((count, problem) => count + (problem.severity === "error" ? 1 : 0), 0);
}

function skippedRef(reader: DocumentReader, kind: string): { ref?: string } {
  const name = reader.value(["metadata", "name"]);
  const namespace = reader.value(["metadata", "namespace"]);
  if (typeof name !== "string" || nameProblem(name) !== undefined) return {};
  return {
    ref: formatRef({ kind, namespace: typeof namespace === "string" ? namespace : DEFAULT_NAMESPACE, name }),
  };
}
