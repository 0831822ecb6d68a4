import type { Store } from "../store/index.js";
import { type DeliveryTrouble, failedSince, waitingForKey } from "./queries.js";

/** How far back a permanent failure keeps the hub degraded: long enough for someone to notice and replay. */
export const RECENT_FAILURE_WINDOW_MS = 60 * 60_000;

/** Deliveries to incident.io that need a person, each kind with a sentence saying what happened and the fix. */
export interface DeliveryHealth {
  /** Entries that failed for good in the last hour: they will not be retried until replayed. */
  failedRecently: DeliveryTrouble;
  /** Pending entries whose API key incident.io refused: they go out once the key works. */
  waitingForKey: DeliveryTrouble;
  /** One plain sentence per trouble, with its count and fix; empty when delivery is healthy. */
  reasons: string[];
}

/**
 * `detailed`: each reason names the latest alert, what incident.io answered and the stored fix. Without it, for
 * whoever may reach `/healthz` unasked, a reason says how many and where to read why: incident.io's answers
 * quote the alert's own values and the incidents they touched.
 */
export async function deliveryHealth(
  store: Store,
  nowMs: number,
  detailed: boolean,
): Promise<DeliveryHealth> {
  const since = new Date(nowMs - RECENT_FAILURE_WINDOW_MS).toISOString();
  const failedRecently = await failedSince(store, since);
  const waiting = await waitingForKey(store);
  const reasons: string[] = [];
  if (failedRecently.count > 0) reasons.push(failedReason(failedRecently, detailed));
  if (waiting.count > 0) reasons.push(keyReason(waiting, detailed));
  return { failedRecently, waitingForKey: waiting, reasons };
}

function alerts(count: number): string {
  return count === 1 ? "1 alert" : `${count} alerts`;
}

/** What incident.io answered (the client's message names the status), else the status or error code alone. */
function answer(trouble: DeliveryTrouble): string {
  const latest = trouble.latest;
  if (!latest) return "";
  if (latest.message) return latest.message;
  return latest.http_status === null ? (latest.error_code ?? "error") : `HTTP ${latest.http_status}`;
}

/** The stored fix without its closing full stop, so it reads inside a sentence. */
function fixOf(trouble: DeliveryTrouble): string {
  return (trouble.latest?.fix ?? "see `incidentkit alerts history`").replace(/\.\s*$/, "");
}

/** Where a reason without details sends the reader. */
const READ_WHY = "`incidentkit alerts history` (or `/healthz` with the admin token) says why and the fix";

function failedReason(trouble: DeliveryTrouble, detailed: boolean): string {
  const what = `${alerts(trouble.count)} could not be delivered to incident.io in the last hour`;
  if (!detailed) return `${what}; ${READ_WHY}`;
  const which = trouble.latest ? `latest: alert ${trouble.latest.alert_id}, ${answer(trouble)}` : "";
  return (
    `${what}${which ? ` (${which})` : ""}; ` +
    `fix: ${fixOf(trouble)} (once fixed, \`incidentkit alerts replay <alert-id>\` re-queues each one)`
  );
}

function keyReason(trouble: DeliveryTrouble, detailed: boolean): string {
  const verb = trouble.count === 1 ? "is" : "are";
  const what = `${alerts(trouble.count)} ${verb} waiting because incident.io refused the hub's API key`;
  if (!detailed) return `${what}; ${READ_WHY}`;
  const which = trouble.latest ? ` (${answer(trouble)})` : "";
  return `${what}${which}; fix: ${fixOf(trouble)}`;
}
