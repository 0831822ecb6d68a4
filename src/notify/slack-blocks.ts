import { describeLead } from "../investigate/changes/reasons.js";
import type {
  ChangeFinding,
  FindingsReport,
  ProbableCause,
  ReportIncident,
  SimilarFinding,
} from "../investigate/report.js";
import {
  type Block,
  context,
  divider,
  fitBlocks,
  header,
  paragraph,
  SLACK_LIMITS,
  type SlackMessage,
  section,
} from "./block-kit.js";
import { escapeMrkdwn, mrkdwnLink, truncateEscaped } from "./mrkdwn.js";

export interface RenderOptions {
  /** Probable causes shown, each its own section; default 5. */
  maxCauses?: number;
  /** Similar incidents shown; default 3. */
  maxSimilar?: number;
  /** Changes shown; default 5. */
  maxChanges?: number;
}

const CONFIDENCE_MARK: Record<ProbableCause["confidence"], string> = {
  high: "🔴 high",
  medium: "🟠 medium",
  low: "⚪ low",
};

/**
 * A findings report as a Slack message: a header naming the incident, a link to it in incident.io, the summary,
 * probable causes with their evidence, the top similar incidents with scores, reasons and how they were
 * resolved, the latest changes, next steps and a footer. Incident text is escaped, so a hostile incident name
 * cannot mention `@channel` or plant a link; every limit Slack has is kept, saying what was left out.
 */
export function renderFindings(report: FindingsReport, options: RenderOptions = {}): SlackMessage {
  const { incident } = report;
  const blocks: Block[] = [
    header(titleOf(incident)),
    context([incidentLine(incident)]),
    paragraph("Summary", report.summary.trim() === "" ? "No summary was written." : report.summary),
    divider,
    ...causeBlocks(report.probableCauses, options.maxCauses ?? 5),
    divider,
    ...similarBlocks(report.similarIncidents, options.maxSimilar ?? 3),
    divider,
    changesBlock(report.changes, options.maxChanges ?? 5),
    ...nextStepsBlocks(report.suggestedNextSteps),
  ];
  const footer = context([`incidentkit investigation · generated at ${slackDate(report.generatedAt)}`]);
  return { text: fallbackText(report), blocks: fitBlocks(blocks, footer) };
}

/** "P1 · Critical · INC-123 · Checkout returning 5xx". */
function titleOf(incident: ReportIncident): string {
  const rank = [incident.priority, incident.severity?.name ?? "No severity"].filter(Boolean).join(" · ");
  return `${rank} · ${incident.reference} · ${incident.name}`;
}

function incidentLine(incident: ReportIncident): string {
  const link = incident.permalink
    ? mrkdwnLink(incident.permalink, `Open ${incident.reference} in incident.io`)
    : `${escapeMrkdwn(incident.reference)} (no incident.io link known)`;
  return `${link} · status: *${escapeMrkdwn(incident.status.name)}* · declared ${slackDate(incident.createdAt)}`;
}

function causeBlocks(causes: readonly ProbableCause[], max: number): Block[] {
  if (causes.length === 0) {
    return [section(["*Probable causes*", "_None found: nothing below points to a cause yet._"])];
  }
  const shown = causes.slice(0, max);
  const blocks = shown.map((cause, index) =>
    section([
      ...(index === 0 ? ["*Probable causes*"] : []),
      `*${index + 1}. ${escapeMrkdwn(cause.title)}* · confidence ${CONFIDENCE_MARK[cause.confidence]}`,
      ...(cause.evidence.length === 0
        ? ["• _no evidence recorded_"]
        : cause.evidence.map((item) => `• ${mrkdwnLink(item.link, item.text)}`)),
    ]),
  );
  if (causes.length > shown.length) {
    blocks.push(context([`_…and ${more(causes.length - shown.length, "more probable cause")} left out_`]));
  }
  return blocks;
}

function similarBlocks(similar: readonly SimilarFinding[], max: number): Block[] {
  if (similar.length === 0) {
    return [section(["*Similar incidents*", "_None above the similarity threshold._"])];
  }
  const shown = similar.slice(0, max);
  const title =
    similar.length > shown.length
      ? `*Similar incidents* (top ${shown.length} of ${similar.length})`
      : "*Similar incidents*";
  return [
    section([title]),
    ...shown.map((item) =>
      section([
        `*${mrkdwnLink(item.permalink, item.reference)}* ${escapeMrkdwn(item.name)} · score *${item.score.toFixed(2)}*`,
        item.reasons.length > 0
          ? `_Why:_ ${escapeMrkdwn(item.reasons.join("; "))}`
          : "_Why:_ no reason recorded",
        item.resolution
          ? `_How it was resolved (${escapeMrkdwn(item.status)}):_ ${truncateEscaped(item.resolution, 600)}`
          : item.resolved === false
            ? `_Not resolved_ (status ${escapeMrkdwn(item.status)})`
            : `_How it was resolved:_ not recorded (status ${escapeMrkdwn(item.status)})`,
      ]),
    ),
  ];
}

const KIND_WORDS: Readonly<Record<string, string>> = {
  deploy: "deploy",
  feature_flag: "feature flag",
  config: "config change",
  other: "change",
};

function changesBlock(changes: readonly ChangeFinding[], max: number): Block {
  if (changes.length === 0) {
    return section(["*Changes before the incident*", "_No change to its services or their dependencies._"]);
  }
  const shown = changes.slice(0, max);
  const lines = shown.map((change) => {
    const kind = KIND_WORDS[change.kind] ?? change.kind;
    const via =
      change.viaDependency && change.dependencyOf.length > 0
        ? ` (a dependency of ${change.dependencyOf.join(", ")})`
        : change.viaDependency
          ? " (a dependency)"
          : "";
    const by = change.author ? ` by ${change.author}` : "";
    const description = change.description.trim() === "" ? "" : `: ${change.description}`;
    const text = `${kind} to ${change.service}${via}, ${describeLead(change.leadMs)} before${by}${description}`;
    return `• ${truncateEscaped(text, 400)}${change.link ? ` ${mrkdwnLink(change.link, "view")}` : ""}`;
  });
  const rest = changes.length - shown.length;
  return section([
    "*Changes before the incident* (newest first)",
    ...lines,
    ...(rest > 0 ? [`_…and ${more(rest, "older change")} left out_`] : []),
  ]);
}

function nextStepsBlocks(steps: readonly string[]): Block[] {
  if (steps.length === 0) return [];
  return [
    divider,
    section(["*Suggested next steps*", ...steps.map((step, i) => `${i + 1}. ${escapeMrkdwn(step)}`)]),
  ];
}

function more(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** A date Slack shows in each reader's own time zone, falling back to UTC text. */
function slackDate(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  const utc = `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${utc}>`;
}

/** What a notification shows: the incident and the likeliest cause, escaped like the blocks. */
function fallbackText(report: FindingsReport): string {
  const cause = report.probableCauses[0];
  const text = `${titleOf(report.incident)}: investigation findings${cause ? `. Probable cause: ${cause.title} (${cause.confidence} confidence)` : ""}`;
  return truncateEscaped(text, SLACK_LIMITS.fallbackText);
}
