import { type IncidentUpdate, redact } from "../../../api/index.js";
import type { MirroredIncident } from "../../../mirror/index.js";
import { listUpdates, type OpsSession } from "../../../ops/index.js";
import type { Timeline, TimelineEntry } from "../investigation-model.js";

/** How long the incident page waits for incident.io's updates before it says the timeline is unavailable. */
export const TIMELINE_WAIT_MS = 3_000;
/** The most updates the timeline shows: the newest ones. */
const MAX_UPDATES = 250;

function actorName(actor: IncidentUpdate["updater"]): string {
  return actor.user?.name ?? actor.api_key?.name ?? actor.workflow?.name ?? actor.alert?.title ?? "someone";
}

/** Updates oldest first, each marked with whether it changed the status or the severity. */
export function timelineEntries(updates: readonly IncidentUpdate[]): TimelineEntry[] {
  const oldestFirst = [...updates].sort((a, b) => a.created_at.localeCompare(b.created_at));
  let status: string | undefined;
  let severity: string | undefined;
  return oldestFirst.map((update) => {
    const statusName = update.new_incident_status.name;
    const severityName = update.new_severity?.name;
    const entry: TimelineEntry = {
      at: update.created_at,
      by: actorName(update.updater),
      status: { name: statusName, changed: status !== undefined && status !== statusName },
      severity:
        severityName === undefined
          ? null
          : { name: severityName, changed: severity !== undefined && severity !== severityName },
      message: update.message?.trim() ? update.message.trim() : null,
    };
    status = statusName;
    severity = severityName ?? severity;
    return entry;
  });
}

/**
 * The incident's updates from incident.io, read through the hub's session. The page never waits long on the
 * API: after `waitMs`, or on any failure, the timeline is "unavailable" with the reason.
 */
export async function readTimeline(
  session: OpsSession,
  incident: MirroredIncident,
  waitMs = TIMELINE_WAIT_MS,
): Promise<Timeline> {
  if (incident.account !== session.alias) {
    return {
      state: "unavailable",
      reason: `the incident is in the incident.io account “${incident.account}”, and this hub reads “${session.alias}” only`,
    };
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Timeline>((resolve) => {
    timer = setTimeout(
      () => resolve({ state: "unavailable", reason: `incident.io did not answer within ${waitMs / 1000} s` }),
      waitMs,
    );
    timer.unref?.();
  });
  const read = listUpdates(session, incident.id, { limit: MAX_UPDATES }).then(
    ({ updates }): Timeline => ({ state: "ok", entries: timelineEntries(updates) }),
    (error: unknown): Timeline => ({
      state: "unavailable",
      reason: redact(error instanceof Error ? error.message : String(error)),
    }),
  );
  try {
    return await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
