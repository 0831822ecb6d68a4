import type { AlertCallEntry, AlertCalls, AlertDelivery } from "./queries.js";

/** Where an alert's calls to incident.io stand, worst first when it made several. */
export type DeliveryState = "failed" | "waiting_for_key" | "retrying" | "pending" | "delivered";

const WORST_FIRST: readonly DeliveryState[] = [
  "failed",
  "waiting_for_key",
  "retrying",
  "pending",
  "delivered",
];

/** One call's state: a 401 or 403 on its last attempt waits for a working key rather than retrying blindly. */
function entryState(entry: AlertCallEntry, deliveries: readonly AlertDelivery[]): DeliveryState {
  if (entry.state === "failed") return "failed";
  if (entry.state === "delivered") return "delivered";
  if (entry.attempts === 0) return "pending";
  const last = lastAttempt(entry, deliveries);
  return last?.http_status === 401 || last?.http_status === 403 ? "waiting_for_key" : "retrying";
}

function lastAttempt(entry: AlertCallEntry, deliveries: readonly AlertDelivery[]): AlertDelivery | undefined {
  return deliveries.filter((delivery) => delivery.outbox_id === entry.id).at(-1);
}

/** The call that decides an alert's delivery state (its worst), with that call's last attempt. */
export interface DeliveryFocus {
  state: DeliveryState;
  entry: AlertCallEntry;
  attempt: AlertDelivery | undefined;
}

/** The alert's delivery state and the call behind it; null when the alert asked nothing of incident.io. */
export function deliveryFocus(calls: AlertCalls | undefined): DeliveryFocus | null {
  if (!calls) return null;
  const states = calls.entries.map((entry) => ({ entry, state: entryState(entry, calls.deliveries) }));
  for (const state of WORST_FIRST) {
    const found = states.find((candidate) => candidate.state === state);
    if (found) return { state, entry: found.entry, attempt: lastAttempt(found.entry, calls.deliveries) };
  }
  return null;
}
