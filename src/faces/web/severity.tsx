import type { SeverityLabel } from "./model.js";

/** The label incidents without a severity are counted under. */
export const NO_SEVERITY = "No severity";

/**
 * How alarming a severity looks, 0 to 4: the organisation's most severe is 4 (red), the next 3, then 2, the
 * rest 1; 0 for no severity or one the organisation does not list. `severities` in any order.
 */
export function severityTone(
  severity: SeverityLabel | string | null,
  severities: readonly SeverityLabel[],
): number {
  if (severity === null) return 0;
  const name = typeof severity === "string" ? severity : severity.name;
  const ordered = [...severities].sort((a, b) => a.rank - b.rank);
  const index = ordered.findIndex((s) => s.name === name);
  if (index < 0) return 0;
  return Math.max(1, 4 - (ordered.length - 1 - index));
}

/** A severity as a coloured badge; "–" when there is none. */
export function SeverityBadge(props: {
  severity: SeverityLabel | null;
  severities: readonly SeverityLabel[];
}) {
  if (props.severity === null) return <span class="muted">–</span>;
  return (
    <span class={`badge tone-${severityTone(props.severity, props.severities)}`}>{props.severity.name}</span>
  );
}
