import type { InvestigationsConfig } from "../../investigate/investigation/config.js";
import type { MirroredIncident } from "../../mirror/index.js";
import { meetsMinSeverity } from "../../notify/slack-config.js";

/** Status categories of incidents that are not real incidents to investigate. */
const NOT_REAL = new Set(["declined", "merged", "canceled"]);

/**
 * Whether a new incident is investigated automatically, and why not: test incidents only with `include_test`,
 * tutorial, declined, merged and canceled ones never; then the incident types and the minimum severity. An
 * incident without a severity does not pass a minimum; a minimum naming no known severity lets it through
 * (with a warning): a missed investigation at 3 a.m. costs more than an extra one.
 */
export function autoDecision(
  config: InvestigationsConfig,
  incident: MirroredIncident,
  severities: readonly { name: string; rank: number }[],
): { run: boolean; reason: string; warning?: string } {
  if (!config.auto) return { run: false, reason: "automatic investigations are off" };
  if (incident.mode === "tutorial") return { run: false, reason: "a tutorial incident" };
  if (incident.mode === "test" && !config.includeTest) {
    return { run: false, reason: "a test incident (set investigations.include_test to investigate them)" };
  }
  if (NOT_REAL.has(incident.status.category)) {
    return { run: false, reason: `a ${incident.status.category} incident` };
  }
  if (config.incidentTypes) {
    const type = incident.type;
    const wanted = config.incidentTypes.map((name) => name.trim().toLowerCase());
    if (
      !type ||
      !(wanted.includes(type.name.trim().toLowerCase()) || wanted.includes(type.id.toLowerCase()))
    ) {
      return { run: false, reason: `type ${type?.name ?? "none"} is not in investigations.incident_types` };
    }
  }
  const severity = meetsMinSeverity(config.minSeverity, incident.severity, severities);
  const warning = severity.warning
    ?.replace("slack.min_severity", "investigations.min_severity")
    .replace("posting", "investigating");
  if (!severity.post) {
    return {
      run: false,
      reason: `severity ${incident.severity?.name ?? "none"} is below ${config.minSeverity}`,
    };
  }
  return { run: true, reason: "passes the filter", ...(warning ? { warning } : {}) };
}
