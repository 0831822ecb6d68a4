import type { IncidentView, UpdateView } from "./views.js";

/** Concise text renderings of tool results: what a model reads. */

export function incidentLine(incident: IncidentView): string {
  const severity = incident.severity ?? "no severity";
  return `${incident.reference}  ${incident.name}  [${severity} | ${incident.status} (${incident.status_category}) | created ${incident.created_at}]`;
}

export function incidentDetails(incident: IncidentView): string {
  const lines = [
    `${incident.reference}: ${incident.name}`,
    `Status: ${incident.status} (${incident.status_category})`,
    `Severity: ${incident.severity ?? "none"}`,
  ];
  if (incident.type) lines.push(`Type: ${incident.type}`);
  lines.push(
    `Mode: ${incident.mode}, visibility: ${incident.visibility}`,
    `Created: ${incident.created_at}, updated: ${incident.updated_at}`,
  );
  if (incident.permalink) lines.push(`Link: ${incident.permalink}`);
  if (incident.summary) lines.push("Summary:", incident.summary);
  return lines.join("\n");
}

export function updateLine(update: UpdateView): string {
  const state = update.severity ? `${update.status}, ${update.severity}` : update.status;
  const by = update.updater ? ` by ${update.updater}` : "";
  const message = update.message ? `: ${update.message}` : "";
  return `${update.created_at}  [${state}]${by}${message}`;
}

/** Lines under a heading, or a note that there are none. */
export function section(heading: string, lines: readonly string[], none = "none"): string {
  return lines.length > 0
    ? `${heading}:\n${lines.map((line) => `  ${line}`).join("\n")}`
    : `${heading}: ${none}`;
}
