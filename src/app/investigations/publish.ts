import { FINDINGS_TITLE, findingsMarkdown } from "../../investigate/investigation/markdown.js";
import {
  countPublishAttempt,
  markPublished,
  recordError,
  type StoredInvestigation,
} from "../../investigate/investigation/store.js";
import type { FindingsReport } from "../../investigate/report.js";
import { meetsMinSeverity } from "../../notify/slack-config.js";
import type { SlackPublisher } from "../../notify/slack-publisher.js";
import { appendFinding } from "../../ops/findings.js";
import type { OpsSession } from "../../ops/session.js";
import type { Clock } from "../../shared/clock.js";
import type { Store } from "../../store/index.js";

/** The occasion of the Slack post an automatic investigation makes: once per incident, whatever the report. */
export const AUTO_SLACK_OCCASION = "incident-created";

/** Where a report goes. */
export interface PublishTargets {
  /** Append it to the incident's summary in incident.io. */
  summary: boolean;
  /** Post it to Slack, with the occasion the post is deduplicated by. */
  slack?: { publisher: SlackPublisher; occasion?: string };
}

export interface PublishDeps {
  store: Store;
  session: OpsSession;
  clock: Clock;
  /** The hub's log: told about each failure (the failure is also recorded on the investigation). */
  onError?: (error: unknown) => void;
}

export type ChannelOutcome = "published" | "already" | "failed" | "off";

export interface PublishResult {
  summary: ChannelOutcome;
  slack: ChannelOutcome;
}

/**
 * Publishes a stored investigation's report to each target not yet done: the summary (appended once; the append
 * itself skips a block already there) and Slack (once per dedupe key, through the ledger). A channel that fails
 * is recorded on the investigation with its error and left for a retry; the other still goes.
 */
export async function publishInvestigation(
  deps: PublishDeps,
  investigation: StoredInvestigation & { report: FindingsReport },
  targets: PublishTargets,
): Promise<PublishResult> {
  const result: PublishResult = { summary: "off", slack: "off" };
  const pending = pendingChannels(investigation, targets);
  if (pending.length > 0) await countPublishAttempt(deps.store, investigation.id);
  const now = () => new Date(deps.clock.now()).toISOString();
  if (targets.summary) {
    result.summary = investigation.published.summaryAppendedAt ? "already" : "failed";
    if (pending.includes("summary")) {
      try {
        const appended = await appendFinding(deps.session, investigation.incidentId, {
          title: FINDINGS_TITLE,
          body: findingsMarkdown(investigation.report),
          source: `incidentkit ${investigation.trigger} investigation`,
        });
        await markPublished(deps.store, investigation.id, "summary", now());
        result.summary = appended.appended ? "published" : "already";
      } catch (error) {
        await failed(deps, investigation.id, "summary", error, now());
      }
    }
  }
  if (targets.slack) {
    result.slack = investigation.published.slackPostedAt ? "already" : "failed";
    if (pending.includes("slack")) {
      try {
        const outcome = await targets.slack.publisher.publish(investigation.report, {
          occasion: targets.slack.occasion,
        });
        await markPublished(deps.store, investigation.id, "slack", now());
        result.slack = outcome.status === "posted" ? "published" : "already";
      } catch (error) {
        await failed(deps, investigation.id, "slack", error, now());
      }
    }
  }
  return result;
}

/** The targets the investigation has not reached yet. */
export function pendingChannels(
  investigation: StoredInvestigation,
  targets: PublishTargets,
): Array<"summary" | "slack"> {
  return [
    ...(targets.summary && investigation.published.summaryAppendedAt === null ? ["summary" as const] : []),
    ...(targets.slack && investigation.published.slackPostedAt === null ? ["slack" as const] : []),
  ];
}

/**
 * Whether Slack should have this report, by `slack.min_severity` and visibility: a private incident's findings
 * stay in incident.io (the channel may be open to people the incident is hidden from).
 */
export function wantsSlack(
  report: FindingsReport,
  options: {
    minSeverity?: string | undefined;
    private: boolean;
    severities: readonly { name: string; rank: number }[];
  },
): { post: boolean; warning?: string } {
  if (options.private) return { post: false };
  return meetsMinSeverity(options.minSeverity, report.incident.severity, options.severities);
}

async function failed(
  deps: PublishDeps,
  id: string,
  stage: "summary" | "slack",
  error: unknown,
  at: string,
): Promise<void> {
  deps.onError?.(error);
  const message = error instanceof Error ? error.message : String(error);
  await recordError(deps.store, id, { at, stage, message: message || `publishing to ${stage} failed` });
}
