import { createHash } from "node:crypto";
import type { FindingsReport } from "../investigate/report.js";
import type { SlackMessage } from "./block-kit.js";
import { renderFindings } from "./slack-blocks.js";
import type { SlackReceipt, SlackSender } from "./slack-sender.js";

/**
 * Where posts are remembered, so a report is posted once: the hub keeps it in its database, tests in memory.
 * `markPosted` is called only after Slack took the message; a failed post is not recorded and may be tried again.
 */
export interface PostLedger {
  hasPosted(key: string): boolean | Promise<boolean>;
  markPosted(key: string, receipt: SlackReceipt): void | Promise<void>;
}

/** A ledger that lasts as long as the process. */
export class MemoryPostLedger implements PostLedger {
  readonly posted = new Map<string, SlackReceipt>();
  hasPosted(key: string): boolean {
    return this.posted.has(key);
  }
  markPosted(key: string, receipt: SlackReceipt): void {
    this.posted.set(key, receipt);
  }
}

/**
 * The key of one post: `slack:<destination>:<incident ID>:<occasion>`. The destination is the sender's digest
 * (never the webhook URL or token), so moving to another channel posts again. The occasion says what the post
 * is for: by default the report's digest (`reportDigest`), so each distinct report is posted once; an
 * auto-investigation passes a fixed occasion such as `incident-created`, so a webhook delivered twice posts
 * once even when the incident changed between the deliveries.
 */
export function slackDedupeKey(incidentId: string, destinationId: string, occasion: string): string {
  return `slack:${destinationId}:${incidentId}:${occasion}`;
}

/** A digest of what the report says: everything but when it was generated. */
export function reportDigest(report: FindingsReport): string {
  const { generatedAt: _generatedAt, ...content } = report;
  return createHash("sha256").update(stableJson(content)).digest("hex").slice(0, 16);
}

export type PublishOutcome =
  | { status: "posted"; key: string; receipt: SlackReceipt }
  | { status: "skipped"; key: string; reason: string };

export interface PublishOptions {
  /** What the post is for; default the report's digest. See `slackDedupeKey`. */
  occasion?: string | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Posts findings reports to one Slack destination, each key once: a key the ledger has is skipped, and calls
 * for the same key at the same time share one post. Errors are `SlackDeliveryError`s, with a plain fix.
 */
export class SlackPublisher {
  private readonly inFlight = new Map<string, Promise<PublishOutcome>>();

  constructor(
    readonly sender: SlackSender,
    private readonly ledger: PostLedger,
    private readonly render: (report: FindingsReport) => SlackMessage = renderFindings,
  ) {}

  keyOf(report: FindingsReport, occasion = reportDigest(report)): string {
    return slackDedupeKey(report.incident.id, this.sender.destinationId, occasion);
  }

  publish(report: FindingsReport, options: PublishOptions = {}): Promise<PublishOutcome> {
    const key = this.keyOf(report, options.occasion);
    const running = this.inFlight.get(key);
    if (running) return running.then((outcome) => skippedAs(outcome, key));
    const post = this.post(report, key, options.signal).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, post);
    return post;
  }

  private async post(report: FindingsReport, key: string, signal?: AbortSignal): Promise<PublishOutcome> {
    if (await this.ledger.hasPosted(key)) {
      return { status: "skipped", key, reason: `already posted to ${this.sender.target}` };
    }
    const receipt = await this.sender.send(this.render(report), signal);
    await this.ledger.markPosted(key, receipt);
    return { status: "posted", key, receipt };
  }
}

function skippedAs(outcome: PublishOutcome, key: string): PublishOutcome {
  return outcome.status === "skipped"
    ? outcome
    : { status: "skipped", key, reason: "posted by a concurrent call" };
}

/** JSON with object keys sorted, so the same content always gives the same text. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
