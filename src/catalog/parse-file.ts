import { type Document, LineCounter, parseAllDocuments } from "yaml";
import { locate, type YamlPath } from "../shared/yaml-location.js";
import { DocumentReader, isRecord } from "./document-reader.js";
import { type CatalogEntity, ENTITY_KINDS, type EntityKind, type SkippedEntity } from "./entity.js";
import type { CatalogProblem } from "./problem.js";
import { type RefSite, readEntity } from "./read-entity.js";
import { DEFAULT_NAMESPACE, formatRef, nameProblem } from "./ref.js";
import { closest } from "./suggest.js";

/** Backstage kinds the catalog does not model: skipped quietly, and counted. */
export const OTHER_BACKSTAGE_KINDS = ["API", "Resource", "Domain", "User", "Location", "Template"];

export interface ParsedFile {
  entities: CatalogEntity[];
  skipped: SkippedEntity[];
  problems: CatalogProblem[];
  /** Every reference the entities make, where it is written. */
  refs: RefSite[];
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
  const result: ParsedFile = { entities: [], skipped: [], problems: [], refs: [] };
  const documents = Array.isArray(parsed) ? parsed : [];
  for (const doc of documents) readDocument(doc, file, lineCounter, result);
  return result;
}

function readDocument(doc: Document, file: string, lineCounter: LineCounter, into: ParsedFile): void {
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const syntax = doc.errors[0];
  if (syntax) {
    const message =
      syntax.code === "DUPLICATE_KEY" ? "this key appears twice in the same mapping" : syntax.message;
    into.problems.push({ severity: "error", ...position(syntax.pos[0]), field: "", message });
    return;
  }
  const place = (path: YamlPath) => position(locate(doc.contents, path));
  let content: unknown;
  try {
    content = doc.toJS();
  } catch (error) {
    into.problems.push({ severity: "error", ...place([]), field: "", message: (error as Error).message });
    return;
  }
  if (content === null || content === undefined) return;
  const reader = new DocumentReader(content, place, into.problems);
  if (!isRecord(content)) {
    reader.error([], "expected a Backstage entity: a mapping with apiVersion, kind, metadata and spec");
    return;
  }
  const kind = reader.text(["kind"]);
  if (kind === undefined) {
    reader.error(["kind"], `required: write the entity's kind (${ENTITY_KINDS.join(", ")})`);
    return;
  }
  const modelled = ENTITY_KINDS.find((known) => known.toLowerCase() === kind.toLowerCase());
  if (modelled !== undefined) {
    const entity = readEntity(reader, modelled as EntityKind, into.refs);
    if (entity) into.entities.push(entity);
    return;
  }
  const other = OTHER_BACKSTAGE_KINDS.find((known) => known.toLowerCase() === kind.toLowerCase());
  if (other === undefined) {
    const guess = closest(kind, [...ENTITY_KINDS, ...OTHER_BACKSTAGE_KINDS]);
    const hint = guess ? `did you mean ${guess}?` : `the catalog reads ${ENTITY_KINDS.join(", ")}`;
    reader.warn(["kind"], `unknown kind "${kind}", skipped; ${hint}`);
  }
  into.skipped.push({ kind: other ?? kind, ...skippedRef(reader, other ?? kind), source: place([]) });
}

function skippedRef(reader: DocumentReader, kind: string): { ref?: string } {
  const name = reader.value(["metadata", "name"]);
  const namespace = reader.value(["metadata", "namespace"]);
  if (typeof name !== "string" || nameProblem(name) !== undefined) return {};
  return {
    ref: formatRef({ kind, namespace: typeof namespace === "string" ? namespace : DEFAULT_NAMESPACE, name }),
  };
}
