import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { newId } from "../shared/ids.js";
import { validationError } from "./errors.js";
import type { WriteContext } from "./incident-writes.js";
import type { ActionRecord } from "./model-follow-ups.js";
import { assignableUser, completedAt, incidentFor, settableStatus } from "./work-items.js";

/** ActionsCreatePayloadV2. */
export const createActionPayload = z.object({
  incident_id: z.string(),
  description: z.string(),
  assignee_id: z.string().optional(),
});

/** ActionsUpdatePayloadV2: description and status always; the assignee when given ("null to unassign"). */
export const updateActionPayload = z.object({
  description: z.string(),
  status: settableStatus,
  assignee_id: z.string().nullable().optional(),
});

export function createAction(ctx: WriteContext, input: z.infer<typeof createActionPayload>): ActionRecord {
  const { state } = ctx;
  const incident = incidentFor(state, ctx.apiKey, input.incident_id, "incident_id");
  const at = new Date(ctx.now).toISOString();
  const action: ActionRecord = {
    id: newId(ctx.now),
    incident_id: incident.id,
    description: description(input.description),
    status: "outstanding",
    creator: { api_key_id: ctx.apiKey.id },
    ...(input.assignee_id !== undefined
      ? { assignee_user_id: assignableUser(state, input.assignee_id, "assignee_id").id }
      : {}),
    created_at: at,
    updated_at: at,
  };
  state.commit([{ collection: "actions", id: action.id, record: action }]);
  return action;
}

/** Applies an update; nothing is written when every value given was already set. */
export function updateAction(
  ctx: WriteContext,
  existing: ActionRecord,
  input: z.infer<typeof updateActionPayload>,
): ActionRecord {
  const at = new Date(ctx.now).toISOString();
  const { assignee_user_id, completed_at: _completed, ...kept } = existing;
  let assignee = assignee_user_id;
  // Only a newly given assignee is checked: one since deactivated stays until changed.
  if (input.assignee_id === null) assignee = undefined;
  else if (input.assignee_id !== undefined && input.assignee_id !== assignee_user_id) {
    assignee = assignableUser(ctx.state, input.assignee_id, "assignee_id").id;
  }
  const next: ActionRecord = {
    ...kept,
    description: description(input.description),
    status: input.status,
    ...(assignee ? { assignee_user_id: assignee } : {}),
    ...completedAt(existing, input.status, at),
    updated_at: at,
  };
  if (isDeepStrictEqual({ ...next, updated_at: existing.updated_at }, existing)) return existing;
  ctx.state.commit([{ collection: "actions", id: next.id, record: next }]);
  return next;
}

/** Deleting keeps the record with status `deleted`; the API no longer shows it. */
export function deleteAction(ctx: WriteContext, existing: ActionRecord): void {
  const next: ActionRecord = { ...existing, status: "deleted", updated_at: new Date(ctx.now).toISOString() };
  ctx.state.commit([{ collection: "actions", id: next.id, record: next }]);
}

function description(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === "")
    throw validationError("description", "description must not be empty; say what needs doing.");
  return trimmed;
}
