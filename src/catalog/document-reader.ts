import { formatPath, type YamlPath } from "../shared/yaml-location.js";
import type { SourcePosition } from "./entity.js";
import type { CatalogProblem } from "./problem.js";

/**
 * Reads typed fields out of one YAML document, recording a problem (at the field's line and column) for each
 * value of the wrong type instead of stopping at the first, so `catalog validate` reports everything at once.
 */
export class DocumentReader {
  constructor(
    private readonly content: unknown,
    private readonly place: (path: YamlPath) => SourcePosition,
    readonly problems: CatalogProblem[],
  ) {}

  error(path: YamlPath, message: string): void {
    this.problems.push({ severity: "error", ...this.place(path), field: formatPath(path), message });
  }

  warn(path: YamlPath, message: string): void {
    this.problems.push({ severity: "warning", ...this.place(path), field: formatPath(path), message });
  }

  /** Where the field is written (or its nearest written parent). */
  at(path: YamlPath): SourcePosition {
    return this.place(path);
  }

  /** The raw value at `path`, undefined when any step is missing. */
  value(path: YamlPath): unknown {
    let node = this.content;
    for (const segment of path) {
      if (node === null || typeof node !== "object") return undefined;
      node = (node as Record<string | number, unknown>)[segment];
    }
    return node;
  }

  /** Text, trimmed; an empty or missing value is undefined; anything else is an error. */
  text(path: YamlPath): string | undefined {
    const value = this.value(path);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") {
      this.error(path, `expected text, got ${describe(value)}; quote it if it is meant as text`);
      return undefined;
    }
    const trimmed = value.trim();
    return trimmed === "" ? undefined : trimmed;
  }

  /** A list of text items; a wrong item is reported at the item and left out. */
  textList(path: YamlPath): string[] {
    const value = this.value(path);
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.error(path, `expected a list, got ${describe(value)}`);
      return [];
    }
    return value.flatMap((_, index) => {
      const item = this.text([...path, index]);
      return item === undefined ? [] : [item];
    });
  }

  /** A mapping of text to text, such as `metadata.annotations`. */
  textMap(path: YamlPath): Record<string, string> {
    const value = this.value(path);
    if (value === undefined || value === null) return {};
    if (!isRecord(value)) {
      this.error(path, `expected a mapping of names to text, got ${describe(value)}`);
      return {};
    }
    const result: Record<string, string> = {};
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === "string") result[key] = item;
      else this.error([...path, key], `expected text, got ${describe(item)}; quote the value`);
    }
    return result;
  }

  /** A mapping at `path`, or undefined (an error when something else is written there). */
  mapping(path: YamlPath): Record<string, unknown> | undefined {
    const value = this.value(path);
    if (value === undefined || value === null) return undefined;
    if (isRecord(value)) return value;
    this.error(path, `expected a mapping, got ${describe(value)}`);
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (isRecord(value)) return "a mapping";
  if (typeof value === "string") return "text";
  return `${typeof value} ${JSON.stringify(value)}`;
}
