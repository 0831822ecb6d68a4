import { withoutFindings } from "../findings-block.js";

/**
 * What of an incident's summary the similar-incidents ranking compares: what people and alert senders wrote about
 * what broke, without the text incidentkit writes around it in every incident it touches. Left in, that text
 * makes unrelated incidents alike: every incident the hub opened from an alert shares "Source", "runbook",
 * "alerts firing in this alertmanager group" and its sender's host names, whatever broke.
 *
 * Left out, each recognised by its shape (the lines as `src/alerts/incident-summary.ts` and
 * `src/alerts/declare-fallback.ts` write them; a test builds summaries with those functions and checks this):
 * - the findings blocks an investigation appends (`withoutFindings`);
 * - the hub's link lines, `Runbook: <url>` and `Source: <url>`;
 * - the heading of a group's alert list (`3 alerts firing in this alertmanager group:`), its `- and 4 more`, the
 *   note of alerts the sender left out, and in each listed alert the labels in parentheses after its title (the
 *   title stays: it is what the sender said);
 * - the note of values incident.io refused, with its list;
 * - empty template lines: a label and a colon with nothing after (`Rule:`, `Event type:`), what a summary
 *   template leaves where a placeholder rendered blank.
 *
 * What is left reads as written; the ranking's tokenizer does the rest.
 */
export function similarityText(summary: string | null): string | null {
  const text = withoutFindings(summary);
  if (text === null) return null;
  const kept: string[] = [];
  // `incidentSummary` and `noteLeftOut` join their parts with a blank line: each part is a paragraph.
  let listFollows = false;
  for (const paragraph of text.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/)) {
    const lines = paragraph.split("\n").map((line) => line.trim());
    const isList = lines.every((line) => line.startsWith("- "));
    if (listFollows && isList) {
      kept.push(
        lines
          .filter((line) => !MORE.test(line))
          .map(alertTitle)
          .join("\n"),
      );
      listFollows = false;
      continue;
    }
    listFollows = lines.length === 1 && ALERTS_HEADING.test(lines[0] ?? "");
    if (listFollows || REFUSALS_HEADING.test(lines[0] ?? "")) continue;
    kept.push(
      paragraph
        .split("\n")
        .filter((line) => !isOwnLine(line.trim()))
        .join("\n")
        .trim(),
    );
  }
  const out = kept.filter((part) => part !== "").join("\n\n");
  return out === "" ? null : out;
}

/** `3 alerts firing in this alertmanager group:` (the source's name may hold spaces). */
const ALERTS_HEADING = /^\d+ alerts firing in this .+ group:$/;
const MORE = /^- and \d+ more$/;
const REFUSALS_HEADING =
  /^incidentkit opened this incident without some of what its rules asked for, which incident\.io refused:$/;

const HUB_LINE: readonly RegExp[] = [
  /^(?:Runbook|Source): <https?:\/\/[^\s<>]*>$/,
  /^.+ left \d+ of them out of its notification \(its max_alerts\), so they are not listed\.$/,
];

/**
 * A label and its colon, nothing after: at most five words of letters, digits, spaces, `_`, `-`, `/` and `.`.
 * A sentence ending in a colon ("The pool ran out because:") has more words than a template's label.
 */
const EMPTY_TEMPLATE_LINE = /^(?:[-*] )?[\p{L}\p{N}_./-]+(?: [\p{L}\p{N}_./-]+){0,4}:$/u;

function isOwnLine(line: string): boolean {
  return HUB_LINE.some((shape) => shape.test(line)) || EMPTY_TEMPLATE_LINE.test(line);
}

/**
 * A listed alert's title without the labels `incident-summary.ts` adds to tell the group's alerts apart:
 * `- Pod is crash looping. (container=api, pod=payments-api-7d9f8b6c4-x2k9p)` → `Pod is crash looping.`.
 */
function alertTitle(line: string): string {
  const item = line.slice(2);
  const labelled = /^(.*) \(([^\s=(),]+=.*)\)$/.exec(item);
  return labelled?.[1] ?? item;
}
