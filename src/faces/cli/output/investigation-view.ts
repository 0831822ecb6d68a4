import { changePhrase } from "../../../investigate/investigation/causes.js";
import type { InvestigationError } from "../../../investigate/investigation/index.js";
import { pastFollowUpsHeadline } from "../../../investigate/investigation/past-follow-ups.js";
import type { FindingsReport } from "../../../investigate/report.js";

/**
 * A findings report as a responder reads it on a terminal: the incident, the summary, then the probable causes
 * with their evidence, similar incidents, changes and next steps, each claim with its link.
 */
export function investigationText(
  report: FindingsReport,
  published: { summary: string; slack: string },
  errors: readonly InvestigationError[],
): string {
  const { incident } = report;
  const rank = [incident.severity?.name ?? "no severity", incident.priority].filter(Boolean).join(" · ");
  const lines = [`${incident.reference}  ${incident.name}  (${rank} · ${incident.status.name})`];
  if (incident.permalink) lines.push(incident.permalink);
  lines.push("", report.summary, "", "Probable causes");
  if (report.probableCauses.length === 0) lines.push("  none found: nothing below points to a cause yet");
  for (const [index, cause] of report.probableCauses.entries()) {
    lines.push(`  ${index + 1}. ${cause.title} [${cause.confidence}]`);
    for (const item of cause.evidence) lines.push(`     - ${item.text}${item.link ? `  ${item.link}` : ""}`);
  }
  lines.push("", "Similar incidents");
  if (report.similarIncidents.length === 0) lines.push("  none above the similarity threshold");
  for (const item of report.similarIncidents) {
    lines.push(`  ${item.score.toFixed(2)}  ${item.reference}  ${item.name}  (${item.status})`);
    lines.push(`        why: ${item.reasons.join("; ") || "no reason recorded"}`);
    lines.push(
      `        resolved: ${item.resolution ?? (item.resolved === false ? "not yet" : "not recorded")}`,
    );
    if (item.permalink) lines.push(`        ${item.permalink}`);
  }
  if (report.pastFollowUps && report.similarIncidents.length > 0) lines.push(...followUpLines(report));
  lines.push("", "Changes before it (newest first)");
  if (report.changes.length === 0) lines.push("  none to its services or their dependencies");
  for (const change of report.changes) {
    const detail = [change.description, change.author ? `by ${change.author}` : ""].filter(Boolean).join(" ");
    lines.push(
      `  - ${changePhrase(change)}${detail ? `: ${detail}` : ""}${change.link ? `  ${change.link}` : ""}`,
    );
  }
  lines.push("", "Suggested next steps");
  for (const [index, step] of report.suggestedNextSteps.entries()) lines.push(`  ${index + 1}. ${step}`);
  const channels = Object.entries(published).filter(([, outcome]) => outcome !== "off");
  if (channels.length > 0) {
    lines.push("", `Published: ${channels.map(([channel, outcome]) => `${channel} ${outcome}`).join(", ")}`);
  }
  for (const error of errors) lines.push(`  ${error.stage} failed: ${error.message}`);
  for (const warning of report.warnings ?? []) lines.push(`  warning: ${warning}`);
  return lines.join("\n");
}

/** "Last time this happened": each similar incident's follow-ups, the open ones first, with their issues. */
function followUpLines(report: FindingsReport): string[] {
  const { incidents, unread } = report.pastFollowUps ?? { incidents: [], unread: [] };
  const lines = ["", "Follow-ups from similar incidents"];
  if (incidents.length > 0) lines.push(`  ${pastFollowUpsHeadline(incidents)}`);
  else if (unread.length === 0) lines.push("  none: the similar incidents left no follow-ups");
  for (const item of incidents) {
    const count = `${item.total} follow-up${item.total === 1 ? "" : "s"}`;
    lines.push(`  ${item.reference}  ${item.name}  (${count}, ${item.outstanding} open)`);
    for (const followUp of item.followUps) {
      const details = [followUp.priority, followUp.assignee, followUp.issue?.name].filter(Boolean).join(", ");
      lines.push(`    ${followUp.status.padEnd(11)} ${followUp.title}${details ? `  (${details})` : ""}`);
    }
    const more = item.total - item.followUps.length;
    if (more > 0) lines.push(`    …and ${more} more`);
  }
  if (unread.length > 0) lines.push(`  the follow-ups of ${unread.join(", ")} could not be read`);
  return lines;
}
