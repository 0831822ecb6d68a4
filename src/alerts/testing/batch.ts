import type { IntakeBatch } from "../accept.js";
import type { AlertEvent, NotificationInfo } from "../event.js";
import type { AlertFormat } from "../intake/index.js";

/** A batch as intake would make it from these events, each stored as its own JSON; generic unless told. */
export function intakeBatch(
  source: string,
  events: readonly AlertEvent[],
  options: { format?: AlertFormat; notification?: NotificationInfo } = {},
): IntakeBatch {
  return {
    source,
    format: options.format ?? "generic",
    events,
    sent: events,
    ...(options.notification ? { notification: options.notification } : {}),
  };
}
