import type { IncidentUpdate, IncidentUpdatesCreatePayload } from "../api/index.js";
import { deriveIdempotencyKey } from "./idempotency.js";
import { incidentIdOf } from "./incident-lookup.js";
import { invalidArgument } from "./invalid-argument.js";
import { type Page, readPages } from "./pages.js";
import { updatesBefore } from "./read-before.js";
import { isValidationOf } from "./rehint.js";
import type { OpsSession } from "./session.js";
import { statusMoveHint } from "./status-hint.js";
import { type Created, type CreateOptions, writeOnce } from "./write-once.js";

/** An incident's updates, newest first as incident.io lists them. */
export async function listUpdates(
  s: OpsSession,
  ref: string,
  page?: Page,
): Promise<{ updates: IncidentUpdate[]; nextCursor?: string }> {
  const incidentId = await incidentIdOf(s, ref);
  const read = await readPages(async (after, pageSize) => {
    const result = await s.io.incidentUpdates.listPage({ incidentId }, { pageSize, after });
    return { items: result.incidentUpdates, after: result.paginationMeta?.after };
  }, page);
  return { updates: read.items, ...(read.nextCursor !== undefined ? { nextCursor: read.nextCursor } : {}) };
}

export interface UpdateInput {
  /** Markdown. */
  message: string;
  /** Move the incident to this status (name or ID) with the update. */
  status?: string | undefined;
  /** Move the incident to this severity (name or ID) with the update. */
  severity?: string | undefined;
  idempotencyKey?: string | undefined;
}

/**
 * Posts an update (`POST /v2/incident_updates`): the message, optionally moving status and/or severity. Without
 * an idempotency key one is derived from the account and the input, so the same update posted twice is one.
 */
export async function postUpdate(
  s: OpsSession,
  ref: string,
  input: UpdateInput,
  options: CreateOptions = {},
): Promise<PostedUpdate> {
  return postUpdateTo(s, await incidentIdOf(s, ref), input, options);
}

/**
 * A posted update: made by this call (`created` true), or found, posted earlier by the same input or key;
 * "unknown" when the key may not list the incident's updates, so what was there before cannot be read (or the
 * caller did not ask: `tellCreated: false`).
 */
export interface PostedUpdate {
  update: IncidentUpdate;
  idempotencyKey: string;
  created: Created;
}

/** `postUpdate` for an incident known by its ID. */
export async function postUpdateTo(
  s: OpsSession,
  incidentId: string,
  input: UpdateInput,
  options: CreateOptions = {},
): Promise<PostedUpdate> {
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
  const given = input.idempotencyKey?.trim();
  try {
    const { result, idempotencyKey, created } = await writeOnce({
      key: given ?? deriveIdempotencyKey(s.alias, "update", body),
      derived: given === undefined,
      clock: s.clock,
      write: async (key) =>
        (await s.io.incidentUpdates.create({ ...body, idempotency_key: key })).incident_update,
      createdAt: (update) => update.created_at,
      ...(options.tellCreated === false ? {} : { readBefore: () => updatesBefore(s, incidentId) }),
      // An update is done once posted: the same message again later is a new update.
      current: () => false,
      mismatch: (update) =>
        update.incident_id === body.incident_id && (update.message ?? "") === message
          ? undefined
          : `update ${update.id} ("${update.message ?? ""}")`,
    });
    return { update: result, idempotencyKey, created };
  } catch (error) {
    if (isValidationOf(error, "to_incident_status_id")) throw error.withHint(await statusMoveHint(s));
    throw error;
  }
}
