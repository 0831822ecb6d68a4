import { randomBytes } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { newId } from "../shared/ids.js";
import type { Change } from "./db.js";
import { validationError } from "./errors.js";
import {
  customFieldEntries,
  resolveCustomFields,
  resolveRoleAssignments,
  resolveTimestamps,
  roleAssignments,
  timestampValues,
} from "./incident-input.js";
import { lifecycleTimestamps } from "./lifecycle-timestamps.js";
import type {
  ApiKeyRecord,
  IncidentRecord,
  IncidentStatusRecord,
  IncidentTypeRecord,
  IncidentUpdateRecord,
} from "./model.js";
import { seesPrivateIncidents } from "./scopes.js";
import type { EmulatorState } from "./state.js";
import { canTransition, NOT_CREATABLE_IN, transitionMessage } from "./transitions.js";

/** IncidentsCreatePayloadV2. */
export const createPayload = z.object({
  idempotency_key: z.string().min(1, "must not be empty"),
  visibility: z.enum(["public", "private"]),
  name: z.string().optional(),
  summary: z.string().optional(),
  mode: z.enum(["standard", "retrospective", "test", "tutorial"]).optional(),
  severity_id: z.string().optional(),
  incident_status_id: z.string().optional(),
  incident_type_id: z.string().optional(),
  custom_field_entries: customFieldEntries.optional(),
  incident_role_assignments: roleAssignments.optional(),
  incident_timestamp_values: timestampValues.optional(),
  slack_channel_name_override: z.string().optional(),
  slack_team_id: z.string().optional(),
  retrospective_incident_options: z
    .object({
      external_id: z.number().int().min(1).optional(),
      postmortem_document_url: z.string().optional(),
      slack_channel_id: z.string().optional(),
    })
    .optional(),
});

/** IncidentsEditPayloadV2: only the fields given change. */
export const editPayload = z.object({
  notify_incident_channel: z.boolean(),
  incident: z.object({
    name: z.string().optional(),
    summary: z.string().optional(),
    call_url: z.string().optional(),
    severity_id: z.string().optional(),
    incident_status_id: z.string().optional(),
    custom_field_entries: customFieldEntries.optional(),
    incident_role_assignments: roleAssignments.optional(),
    incident_timestamp_values: timestampValues.optional(),
    slack_channel_name_override: z.string().optional(),
  }),
});

/** IncidentUpdatesCreatePayloadV2 (newer than the description: reference/api.md §6.1). */
export const updatePayload = z.object({
  idempotency_key: z.string().min(1, "must not be empty"),
  incident_id: z.string(),
  message: z.string().optional(),
  to_incident_status_id: z.string().optional(),
  to_severity_id: z.string().optional(),
});

export interface WriteContext {
  state: EmulatorState;
  now: number;
  apiKey: ApiKeyRecord;
}

/** Creates an incident, or returns the one an earlier request with the same idempotency key created. */
export function createIncident(ctx: WriteContext, input: z.infer<typeof createPayload>): IncidentRecord {
  const { state } = ctx;
  const existing = state.incidentByIdempotencyKey(input.idempotency_key);
  if (existing) return existing;

  const type = pickType(state, input.incident_type_id);
  if (type?.private_incidents_only && input.visibility === "public") {
    throw validationError("visibility", `Incidents of type "${type.name}" must be private.`);
  }
  const status = pickStatus(state, input.incident_status_id, type);
  const severity = input.severity_id ? state.get("severities", input.severity_id) : undefined;
  if (input.severity_id !== undefined && !severity) {
    throw validationError("severity_id", `There is no severity with ID "${input.severity_id}".`);
  }
  if (!severity && status.category !== "triage") {
    throw validationError("severity_id", "A severity is required to open an incident", "is_required");
  }
  if (input.slack_team_id !== undefined && input.slack_team_id !== state.organisation.slack_team_id) {
    throw validationError(
      "slack_team_id",
      `slack_team_id must be this organisation's (${state.organisation.slack_team_id}).`,
    );
  }
  const mode = input.mode ?? "standard";
  const retrospective = input.retrospective_incident_options;
  let number = state.nextIncidentNumber();
  if (retrospective?.external_id !== undefined) {
    if (mode !== "retrospective") {
      throw validationError(
        "retrospective_incident_options.external_id",
        "external_id is only for retrospective incidents.",
      );
    }
    if (state.incidentByNumber(retrospective.external_id)) {
      throw validationError(
        "retrospective_incident_options.external_id",
        `INC-${retrospective.external_id} already exists.`,
      );
    }
    number = retrospective.external_id;
  }
  const custom = resolveCustomFields(state, input.custom_field_entries ?? [], [], "");
  const roles = resolveRoleAssignments(state, input.incident_role_assignments ?? [], [], "", true);
  const timestamps = resolveTimestamps(state, input.incident_timestamp_values ?? [], [], "");

  const at = new Date(ctx.now).toISOString();
  const name = input.name ?? "Untitled incident";
  // Retrospective incidents get no Slack channel unless one is attached (slack_channel_id may then be empty).
  const channelId = mode === "retrospective" ? (retrospective?.slack_channel_id ?? "") : slackChannelId();
  const incident: IncidentRecord = {
    id: newId(ctx.now),
    number,
    name,
    ...(input.summary !== undefined ? { summary: input.summary } : {}),
    incident_status_id: status.id,
    ...(severity ? { severity_id: severity.id } : {}),
    ...(type ? { incident_type_id: type.id } : {}),
    mode,
    visibility: input.visibility,
    creator: { api_key_id: ctx.apiKey.id },
    custom_field_entries: custom,
    role_assignments: roles,
    timestamp_values: timestamps,
    team_ids: [],
    slack_channel_id: channelId,
    ...(channelId
      ? { slack_channel_name: input.slack_channel_name_override ?? channelName(number, name) }
      : {}),
    ...(retrospective?.postmortem_document_url
      ? { postmortem_document_url: retrospective.postmortem_document_url }
      : {}),
    idempotency_key: input.idempotency_key,
    created_at: at,
    updated_at: at,
    last_activity_at: at,
  };
  state.commit([{ collection: "incidents", id: incident.id, record: incident }]);
  return incident;
}

function pickType(state: EmulatorState, id: string | undefined): IncidentTypeRecord | undefined {
  if (id === undefined) return state.list("incident_types").find((type) => type.is_default);
  const type = state.get("incident_types", id);
  if (!type) throw validationError("incident_type_id", `There is no incident type with ID "${id}".`);
  return type;
}

/** The given status, else triage when the type always triages, else the first active (live) status by rank. */
function pickStatus(
  state: EmulatorState,
  id: string | undefined,
  type?: IncidentTypeRecord,
): IncidentStatusRecord {
  if (id !== undefined) {
    const status = state.get("incident_statuses", id);
    if (!status) throw validationError("incident_status_id", `There is no incident status with ID "${id}".`);
    if (NOT_CREATABLE_IN.has(status.category)) {
      throw validationError(
        "incident_status_id",
        `Incidents cannot be created in a ${status.category} status ("${status.name}").`,
      );
    }
    return status;
  }
  const byRank = state.list("incident_statuses").sort((a, b) => a.rank - b.rank);
  const triage =
    type?.create_in_triage === "always" ? byRank.find((s) => s.category === "triage") : undefined;
  const status = triage ?? byRank.find((s) => s.category === "live");
  if (!status)
    throw validationError(
      "incident_status_id",
      "This organisation has no active status; give incident_status_id.",
    );
  return status;
}

function slackChannelId(): string {
  return `C${randomBytes(6).toString("hex").toUpperCase().slice(0, 10)}`;
}

function channelName(number: number, name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return slug ? `inc-${number}-${slug}` : `inc-${number}`;
}

/** The scopes an edit needs, one per field it changes (reference/api.md §1.1). */
export function editScopes(
  input: z.infer<typeof editPayload>["incident"],
  incident: IncidentRecord,
): string[] {
  const scopes: string[] = [];
  if (input.name !== undefined || input.slack_channel_name_override !== undefined)
    scopes.push("incidents.update_name");
  if (input.summary !== undefined) scopes.push("incidents.update_summary");
  if (input.severity_id !== undefined) scopes.push("incidents.update_severity");
  if (input.incident_status_id !== undefined) scopes.push("incidents.update_status");
  if (input.custom_field_entries !== undefined) scopes.push("incidents.update_custom_fields");
  if (input.incident_timestamp_values !== undefined) scopes.push("incidents.update_timestamps");
  if (input.incident_role_assignments !== undefined) scopes.push("incidents.update_role_assignments");
  if (input.call_url !== undefined) {
    scopes.push("incident_calls.create");
    if (incident.call_url && incident.call_url !== input.call_url) scopes.push("incident_calls.destroy");
  }
  return scopes;
}

/** Edits an incident; a status or severity change also records an incident update. */
export function editIncident(
  ctx: WriteContext,
  incident: IncidentRecord,
  input: z.infer<typeof editPayload>["incident"],
): IncidentRecord {
  const { state } = ctx;
  const prefix = "incident.";
  const status = moveStatus(state, incident, input.incident_status_id, `${prefix}incident_status_id`);
  const severityId = checkSeverity(state, input.severity_id, `${prefix}severity_id`) ?? incident.severity_id;
  const at = new Date(ctx.now).toISOString();
  const next: IncidentRecord = {
    ...incident,
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.summary !== undefined ? { summary: input.summary } : {}),
    ...(input.call_url !== undefined ? { call_url: input.call_url } : {}),
    ...(input.slack_channel_name_override !== undefined
      ? { slack_channel_name: input.slack_channel_name_override }
      : {}),
    incident_status_id: status.id,
    ...(severityId ? { severity_id: severityId } : {}),
    custom_field_entries: input.custom_field_entries
      ? resolveCustomFields(state, input.custom_field_entries, incident.custom_field_entries, prefix)
      : incident.custom_field_entries,
    role_assignments: input.incident_role_assignments
      ? resolveRoleAssignments(
          state,
          input.incident_role_assignments,
          incident.role_assignments,
          prefix,
          false,
        )
      : incident.role_assignments,
    timestamp_values: lifecycleTimestamps(
      state,
      state.get("incident_statuses", incident.incident_status_id),
      status,
      input.incident_timestamp_values
        ? resolveTimestamps(state, input.incident_timestamp_values, incident.timestamp_values, prefix)
        : incident.timestamp_values,
      at,
    ),
    updated_at: at,
    last_activity_at: at,
  };
  // Nothing to write when every given field already had its value: updated_at stays, no update is recorded.
  if (sameContent(next, incident)) return incident;
  const changes: Change[] = [{ collection: "incidents", id: next.id, record: next }];
  if (next.incident_status_id !== incident.incident_status_id || next.severity_id !== incident.severity_id) {
    const update = newUpdate(ctx, next);
    changes.push({ collection: "incident_updates", id: update.id, record: update });
  }
  state.commit(changes);
  return next;
}

function sameContent(a: IncidentRecord, b: IncidentRecord): boolean {
  const withoutTimes = ({ updated_at: _u, last_activity_at: _l, ...rest }: IncidentRecord) => rest;
  return isDeepStrictEqual(withoutTimes(a), withoutTimes(b));
}

/** Posts an incident update (optionally moving status/severity), or returns the one posted with the same key. */
export function postIncidentUpdate(
  ctx: WriteContext,
  input: z.infer<typeof updatePayload>,
): IncidentUpdateRecord {
  const { state } = ctx;
  const existing = state.updateByIdempotencyKey(input.idempotency_key);
  if (existing) return existing;
  if (
    input.message === undefined &&
    input.to_incident_status_id === undefined &&
    input.to_severity_id === undefined
  ) {
    throw validationError(
      "message",
      "Give at least one of message, to_incident_status_id or to_severity_id.",
      "is_required",
    );
  }
  const incident = state.get("incidents", input.incident_id);
  // A private incident the key may not see is, to that key, no incident at all.
  if (!incident || (incident.visibility === "private" && !seesPrivateIncidents(ctx.apiKey.roles)))
    throw validationError("incident_id", `There is no incident with ID "${input.incident_id}".`);
  const status = moveStatus(state, incident, input.to_incident_status_id, "to_incident_status_id");
  const severityId = checkSeverity(state, input.to_severity_id, "to_severity_id") ?? incident.severity_id;
  const at = new Date(ctx.now).toISOString();
  const next: IncidentRecord = {
    ...incident,
    incident_status_id: status.id,
    ...(severityId ? { severity_id: severityId } : {}),
    timestamp_values: lifecycleTimestamps(
      state,
      state.get("incident_statuses", incident.incident_status_id),
      status,
      incident.timestamp_values,
      at,
    ),
    updated_at: at,
    last_activity_at: at,
  };
  const update = newUpdate(ctx, next, input.message, input.idempotency_key);
  state.commit([
    { collection: "incidents", id: next.id, record: next },
    { collection: "incident_updates", id: update.id, record: update },
  ]);
  return update;
}

function moveStatus(
  state: EmulatorState,
  incident: IncidentRecord,
  toId: string | undefined,
  field: string,
): IncidentStatusRecord {
  const from = state.get("incident_statuses", incident.incident_status_id);
  if (toId === undefined || toId === incident.incident_status_id) {
    if (from) return from;
    if (toId === undefined) return { id: incident.incident_status_id } as IncidentStatusRecord;
  }
  const to = state.get("incident_statuses", toId ?? "");
  if (!to) throw validationError(field, `There is no incident status with ID "${toId}".`);
  if (from && !canTransition(from, to)) throw validationError(field, transitionMessage(from, to));
  return to;
}

function checkSeverity(state: EmulatorState, id: string | undefined, field: string): string | undefined {
  if (id === undefined) return undefined;
  if (!state.get("severities", id)) throw validationError(field, `There is no severity with ID "${id}".`);
  return id;
}

function newUpdate(
  ctx: WriteContext,
  incident: IncidentRecord,
  message?: string,
  idempotencyKey?: string,
): IncidentUpdateRecord {
  return {
    id: newId(ctx.now),
    incident_id: incident.id,
    new_incident_status_id: incident.incident_status_id,
    ...(incident.severity_id ? { new_severity_id: incident.severity_id } : {}),
    updater: { api_key_id: ctx.apiKey.id },
    ...(message !== undefined ? { message } : {}),
    ...(idempotencyKey !== undefined ? { idempotency_key: idempotencyKey } : {}),
    created_at: new Date(ctx.now).toISOString(),
  };
}
