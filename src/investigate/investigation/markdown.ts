import { escapeMarkdown, markdownUrl } from "../../shared/markdown.js";
import { describeLead } from "../changes/reasons.js";
import type { Evidence, FindingsReport } from "../report.js";
import { changePhrase } from "./causes.js";
import { clip } from "./evidence.js";
import { pastFollowUpsHeadline } from "./past-follow-ups.js";

export { FINDINGS_TITLE, withoutFindings } from "../findings-block.js";

const MAX_SIMILAR = 3;
const MAX_CHANGES = 5;
const MAX_EVIDENCE = 3;
const MAX_FOLLOW_UPS = 5;

/**
 * The report as Markdown for the incident's summary: the summary paragraph, probable causes with their
 * evidence, similar incidents with how they were resolved, the changes, and next steps. It holds nothing that
 * changes between two renderings of the same report, so appending it twice is recognised as the same finding.
 */
export function findingsMarkdown(report: FindingsReport): string {
  const lines: string[] = [inline(report.summary) || "No summary was written."];
  lines.push("", "**Probable causes**");
  if (report.probableCauses.length === 0) lines.push("- None found: nothing below points to a cause yet.");
  report.probableCauses.forEach((cause, index) => {
    lines.push(`${index + 1}. ${inline(cause.title)} (${cause.confidence} confidence)`);
    for (const item of cause.evidence.slice(0, MAX_EVIDENCE)) lines.push(`   - ${evidence(item)}`);
  });
  lines.push("", "**Similar incidents**");
  if (report.similarIncidents.length === 0) lines.push("- None above the similarity threshold.");
  for (const item of report.similarIncidents.slice(0, MAX_SIMILAR)) {
    const ref = linked(inline(item.reference), item.permalink);
    const why = item.reasons.length > 0 ? `: ${inline(item.reasons.join("; "))}` : "";
    const how = item.resolution
      ? ` Resolved: ${inline(clip(item.resolution, 300))}`
      : ` (${inline(item.status)}; ${item.resolved === false ? "not resolved" : "no resolution recorded"})`;
    lines.push(`- ${ref} ${inline(item.name)}, score ${item.score.toFixed(2)}${why}.${how}`);
  }
  if (report.pastFollowUps && report.similarIncidents.length > 0) {
    const { incidents, unread } = report.pastFollowUps;
    lines.push("", "**Follow-ups from similar incidents**");
    if (incidents.length > 0) lines.push(`- ${inline(pastFollowUpsHeadline(incidents))}`);
    else if (unread.length === 0) lines.push("- None: the similar incidents left no follow-ups.");
    // All of them (at most five): the headline counts every one.
    for (const item of incidents) {
      lines.push(
        `- ${linked(inline(item.reference), item.permalink)} ${inline(item.name)}: ${item.total} follow-up${item.total === 1 ? "" : "s"}, ${item.outstanding} open`,
      );
      for (const followUp of item.followUps.slice(0, MAX_FOLLOW_UPS)) {
        const details = [followUp.priority, followUp.assignee].filter(
          (part): part is string => part !== null,
        );
        const issue = followUp.issue ? ` ${linked(inline(followUp.issue.name), followUp.issue.link)}` : "";
        const said = details.length > 0 ? ` (${inline(details.join(", "))})` : "";
        lines.push(`   - ${inline(followUp.status)}: ${inline(clip(followUp.title, 160))}${said}${issue}`);
      }
    }
    if (unread.length > 0) {
      lines.push(`- The follow-ups of ${inline(unread.join(", "))} could not be read.`);
    }
  }
  lines.push("", "**Changes before the incident** (newest first)");
  if (report.changes.length === 0) lines.push("- None to its services or their dependencies.");
  for (const change of report.changes.slice(0, MAX_CHANGES)) {
    const what = change.description.trim() ? `: ${inline(clip(change.description.trim(), 160))}` : "";
    const by = change.author ? ` by ${inline(change.author)}` : "";
    const link = change.link ? ` (${linked("view", change.link)})` : "";
    lines.push(`- ${inline(changePhrase(change))}${what}${by}${link}`);
  }
  if (report.changes.length > MAX_CHANGES) {
    const oldest = report.changes.at(-1);
    lines.push(
      `- …and ${report.changes.length - MAX_CHANGES} older, back to ${describeLead(oldest?.leadMs ?? 0)} before`,
    );
  }
  if (report.suggestedNextSteps.length > 0) {
    lines.push("", "**Suggested next steps**");
    for (const [index, step] of report.suggestedNextSteps.entries()) {
      lines.push(`${index + 1}. ${inline(step)}`);
    }
  }
  return lines.join("\n");
}

/** Blocks of our findings as `appendFinding` writes them, up to the next block (of any source) or the end. */
function evidence(item: Evidence): string {
  return item.link ? `${inline(item.text)} (${linked("link", item.link)})` : inline(item.text);
}

/**
 * One line of outside text (names, descriptions, authors) made inert: line breaks folded, so it cannot start a
 * heading or a list of its own, and Markdown escaped, so it cannot become a link, an image or HTML.
 */
function inline(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, " ").trim());
}

/** `text` linked to `url` when it is an http(s) URL, made safe as a destination; else the text alone. */
function linked(text: string, url: string | null | undefined): string {
  const safe = url ? markdownUrl(url) : undefined;
  return safe ? `[${text}](${safe})` : text;
}
