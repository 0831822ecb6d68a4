import type { Catalog } from "../../../catalog/load.js";
import { formatProblem } from "../../../catalog/problem.js";
import { describeForHub, summarise } from "../../../catalog/summary.js";

/**
 * What `incidentkit up` says about its catalog as it starts: one summary line, and each error (its entity is left
 * out, so the person should hear of it); warnings are counted, and listed by `catalog validate` and `/catalog`.
 */
export function catalogStartLines(catalog: Catalog, dir: string): { summary: string; errors: string[] } {
  const summary = summarise(catalog);
  const where = `incidentkit catalog validate --dir ${dir} lists them, as does the Catalog page`;
  return {
    summary: `${describeForHub(summary)}${summary.errors + summary.warnings > 0 ? ` (${where})` : ""}`,
    errors: catalog.problems
      .filter((problem) => problem.severity === "error")
      .map((problem) => `catalog: ${formatProblem(problem)} (left out)`),
  };
}
