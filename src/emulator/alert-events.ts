import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { newId } from "../shared/ids.js";
import { validationError } from "./errors.js";
import type { AlertRecord, AlertSourceRecord } from "./model.js";
import type { EmulatorState } from "./state.js";

/** `AlertEventsCreateHTTPPayloadV2`. Unknown fields are ignored, as the API ignores them. */
export const alertEventPayload = z.object({
  title: z.string(),
  status: z.enum(["firing", "resolved"]),
  deduplication_key: z.string().optional(),
  description: z.string().optional(),
  source_url: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type AlertEventPayload = z.infer<typeof alertEventPayload>;

/** What `POST /v2/alert_events/http/{id}` answers with 202 (`AlertEventsCreateHTTPResultV2`). */
export interface AlertEventAccepted {
  deduplication_key: string;
  message: string;
  status: string;
}

/**
 * Applies one event to the source's alerts. The description: "If you send an event with the same
 * deduplication_key multiple times, only one alert will be created in incident.io for this alert source config."
 * So a firing event creates the alert or updates it (firing again if it had resolved), and a resolved event
 * resolves it, or records it resolved when nothing fired before, so it can still be found by its key. The event's
 * fields replace the alert's; fields it leaves out stay. An event that changes nothing writes nothing, so a
 * retried event is a no-op.
 */
export function receiveAlertEvent(
  state: EmulatorState,
  now: number,
  source: AlertSourceRecord,
  input: AlertEventPayload,
): { alert: AlertRecord; accepted: AlertEventAccepted } {
  const key = requireDeduplicationKey(input.deduplication_key);
  const at = new Date(now).toISOString();
  const existing = state.alertByDeduplicationKey(source.id, key);
  const fields = {
    title: input.title,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.source_url !== undefined ? { source_url: input.source_url } : {}),
    ...(input.metadata !== undefined ? { metadata: input.metadata } : {}),
  };
  let alert: AlertRecord;
  if (!existing) {
    alert = {
      id: newId(now),
      alert_source_id: source.id,
      deduplication_key: key,
      status: input.status,
      ...fields,
      created_at: at,
      updated_at: at,
      ...(input.status === "resolved" ? { resolved_at: at } : {}),
    };
  } else {
    const { resolved_at, ...rest } = { ...existing, ...fields, status: input.status };
    const resolvedAt = input.status === "resolved" ? (existing.resolved_at ?? at) : undefined;
    const next: AlertRecord = { ...rest, ...(resolvedAt ? { resolved_at: resolvedAt } : {}) };
    alert = isDeepStrictEqual(existing, next) ? existing : { ...next, updated_at: at };
  }
  if (alert !== existing) state.commit([{ collection: "alerts", id: alert.id, record: alert }]);
  return {
    alert,
    accepted: { deduplication_key: key, message: "Event accepted for processing", status: "success" },
  };
}

/**
 * "For newly created HTTP sources, this field is required", and every source the emulator holds was created as
 * one. An empty key could not name the alert that later events update or resolve.
 */
function requireDeduplicationKey(key: string | undefined): string {
  if (key === undefined) {
    throw validationError(
      "deduplication_key",
      "deduplication_key is required: HTTP alert sources need a key that names the alert, so a repeat updates it and a resolved event resolves it.",
      "is_required",
    );
  }
  if (key.trim() === "") {
    throw validationError("deduplication_key", "deduplication_key must not be empty: it names the alert.");
  }
  return key;
}
