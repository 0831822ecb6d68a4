import { formatPath, type YamlPath } from "../shared/yaml-location.js";
import type { DocumentReader } from "./document-reader.js";
import type { SourcePosition } from "./entity.js";
import { looseRef, parseRef } from "./ref.js";
import type { RefField } from "./spec-refs.js";

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
 * Reads reference fields, noting where each is written. Backstage keeps any reference as a relation, dangling or
 * not, so a reference of an unexpected kind or form is a warning and is kept; only a value that is not text at all
 * (a list where one name belongs) is an error.
 */
export class RefReader {
  constructor(
    private readonly reader: DocumentReader,
    private readonly namespace: string,
    private readonly sites: RefSite[],
  ) {}

  one(path: YamlPath, field: Pick<RefField, "kind" | "allowed">): string | undefined {
    const text = this.reader.text(path);
    if (text === undefined) return undefined;
    const defaults = { kind: field.kind, namespace: this.namespace };
    const parsed = parseRef(text, defaults);
    if (!parsed.ok) {
      this.reader.warn(path, `${parsed.problem}; kept as written`);
      return looseRef(text, defaults);
    }
    if (!field.allowed.includes(parsed.kind)) {
      const kinds = field.allowed.map((kind) => `${kind}:…`).join(" or ");
      this.reader.warn(
        path,
        `"${text}" is a ${parsed.kind}, where Backstage expects ${kinds}; kept as written`,
      );
    }
    this.sites.push({
      field: formatPath(path),
      written: text,
      target: parsed.ref,
      position: this.reader.at(path),
    });
    return parsed.ref;
  }

  list(path: YamlPath, field: Pick<RefField, "kind" | "allowed">): string[] {
    const items = this.reader.value(path);
    if (!Array.isArray(items)) {
      this.reader.textList(path);
      return [];
    }
    return items.flatMap((_, index) => this.one([...path, index], field) ?? []);
  }
}
