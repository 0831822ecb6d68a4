import type { SourcePosition } from "./entity.js";

/** Something wrong in a catalog file. Errors make the catalog invalid; warnings are reported only. */
export interface CatalogProblem extends SourcePosition {
  severity: "error" | "warning";
  /** The field at fault, e.g. `spec.owner`, `metadata.annotations["incidentkit.io/account"]`; empty for a file. */
  field: string;
  /** What is wrong and what to do about it. */
  message: string;
}

/** `catalog/payments.yaml:7:5: spec.owner: "group:paymnts" is not an entity in the catalog; …`. */
export function formatProblem(problem: CatalogProblem): string {
  const label = problem.severity === "warning" ? "warning: " : "";
  const field = problem.field ? `${problem.field}: ` : "";
  return `${problem.file}:${problem.line}:${problem.column}: ${label}${field}${problem.message}`;
}

/** Problems in reading order: by file, then line, then column. */
export function sortProblems(problems: readonly CatalogProblem[]): CatalogProblem[] {
  return [...problems].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}
