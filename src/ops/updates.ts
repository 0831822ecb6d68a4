import type { IncidentUpdate, IncidentUpdatesCreatePayload } from "../api/index.js";
import { deriveIdempotencyKey } from "./idempotency.js";
import { incidentIdOf } from "./incident-lookup.js";
import { invalidArgument } from "./invalid-argument.js";
import { type Page, readPages } from "./pages.js";
import { isValidationOf, withHint } from "./rehint.js";
import type { OpsSession } from "./session.js";
import { statusMoveHint } from "./status-hint.js";

/** An incident's updates, newest first as incident.io lists them. */
export async function listUpdates(
  s: OpsSession,
  ref: string,
  page?: Page,
): Promise<{ updates: IncidentUpdate[]; nextCursor?: string }> {
  const incidentId = await incidentIdOf(s, ref);
  const read = await readPages(async (after, pageSize) => {
    const result = await s.io.incidentUpdates.listPage(
      { incidentId },
      { pageSize, ...(after !== undefined ? { after } : {}) },
    );
    return { items: result.incidentUpdates, after: result.paginationMeta?.after };
  }, page);
  return { updates: read.items, ...(read.nextCursor !== undefined ? { nextCursor: read.nextCursor } : {}) };
}

export interface UpdateInput {
  /** Markdown. */
  message: string;
  /** Move the incident to this status (name or ID) with the update. */
  status?: string;
  /** Move the incident to this severity (name or ID) with the update. */
  severity?: string;
  idempotencyKey?: string;
}

/**
 * Posts an update (`POST /v2/incident_updates`): the message, optionally moving status and/or severity. Without
 * an idempotency key one is derived from the account and the input, so the same update posted twice is one.
 */
export async function postUpdate(
  s: OpsSession,
  ref: string,
  input: UpdateInput,
): Promise<{ update: IncidentUpdate; idempotencyKey: string }> {
  return postUpdateTo(s, await incidentIdOf(s, ref), input);
}

/** `postUpdate` for an incident known by its ID. */
export async function postUpdateTo(
  s: OpsSession,
  incidentId: string,
  input: UpdateInput,
): Promise<{ update: IncidentUpdate; idempotencyKey: string }> {
  const message = input.message?.trim() ?? "";
  if (message === "") throw invalidArgument("an update needs a message", "give the text of the update");
  if (input.idempotencyKey !== undefined && input.idempotencyKey.trim() === "") {
    throw invalidArgument("the idempotency key is empty", "give a non-empty key, or none to derive one");
  }
  const [status, severity] = await Promise.all([
    input.status === undefined ? undefined : s.lookups.status(input.status),
    input.severity === undefined ? undefined : s.lookups.severity(input.severity),
  ]);
  const body: Omit<IncidentUpdatesCreatePayload, "idempotency_key"> = {
    incident_id: incidentId,
    message,
    ...(status ? { to_incident_status_id: status.id } : {}),
    ...(severity ? { to_severity_id: severity.id } : {}),
  };
  const idempotencyKey = input.idempotencyKey?.trim() ?? deriveIdempotencyKey(s.alias, "update", body);
  try {
    const { incident_update } = await s.io.incidentUpdates.create({
      ...body,
      idempotency_key: idempotencyKey,
    });
    return { update: incident_update, idempotencyKey };
  } catch (error) {
    if (isValidationOf(error, "to_incident_status_id")) throw withHint(error, await statusMoveHint(s));
    throw error;
  }
}
