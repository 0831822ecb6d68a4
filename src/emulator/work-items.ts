import { z } from "zod";
import type { RecordOf } from "./db.js";
import { validationError } from "./errors.js";
import type { ApiKeyRecord, IncidentRecord, UserRecord } from "./model.js";
import type { WorkItemStatus } from "./model-follow-ups.js";
import { seesPrivateIncidents } from "./scopes.js";
import type { EmulatorState } from "./state.js";

/** What follow-ups and actions share: the incident they hang off, their assignee, status and list filters. */

/** `incident_mode` in the follow-up and action lists; `stream` is a mode the emulator has no incidents in. */
const LIST_MODES = ["standard", "retrospective", "test", "tutorial", "stream"] as const;
const DEFAULT_MODES: ReadonlySet<string> = new Set(["standard", "retrospective"]);

/** Statuses a write may set: `deleted` belongs to the delete operation. */
export const settableStatus = z
  .enum(["outstanding", "completed", "deleted", "not_doing"])
  .refine(
    (status) => status !== "deleted",
    "Setting status to deleted is not allowed; use the delete endpoint instead.",
  );

/** Whether the key sees the incident: private incidents exist only for keys that see every incident. */
export function visibleTo(apiKey: ApiKeyRecord, incident: IncidentRecord | undefined): boolean {
  return incident !== undefined && (incident.visibility !== "private" || seesPrivateIncidents(apiKey.roles));
}

/** The incident a write names in `field`, refused (422) when there is none the key can see. */
export function incidentFor(
  state: EmulatorState,
  apiKey: ApiKeyRecord,
  id: string,
  field: string,
): IncidentRecord {
  const incident = state.get("incidents", id);
  if (!incident || !visibleTo(apiKey, incident)) {
    throw validationError(field, `There is no incident with ID "${id}"; give the ID of an incident.`);
  }
  return incident;
}

/** The user a write assigns in `field`; deactivated users cannot be given work. */
export function assignableUser(state: EmulatorState, id: string, field: string): UserRecord {
  const user = state.get("users", id);
  if (!user) throw validationError(field, `There is no user with ID "${id}"; list users with GET /v2/users.`);
  if (!user.is_active) {
    throw validationError(field, `${user.name} has been deactivated; assign someone active.`);
  }
  return user;
}

/** `completed_at` after a status change: set when work is completed, kept while it stays so, else cleared. */
export function completedAt(
  previous: { status: WorkItemStatus; completed_at?: string } | undefined,
  status: WorkItemStatus,
  at: string,
): { completed_at?: string } {
  if (status !== "completed") return {};
  if (previous?.status === "completed" && previous.completed_at)
    return { completed_at: previous.completed_at };
  return { completed_at: at };
}

export interface WorkItemQuery {
  incidentId?: string;
  modes: ReadonlySet<string>;
}

/** The list filters both lists take (`incident_id`, `incident_mode`); an empty value filters nothing. */
export function parseWorkItemQuery(params: URLSearchParams): WorkItemQuery {
  const incidentId = params.get("incident_id") || undefined;
  const mode = params.get("incident_mode") || undefined;
  if (mode !== undefined && !(LIST_MODES as readonly string[]).includes(mode)) {
    throw validationError("incident_mode", `incident_mode must be one of: ${LIST_MODES.join(", ")}.`);
  }
  return { ...(incidentId ? { incidentId } : {}), modes: mode ? new Set([mode]) : DEFAULT_MODES };
}

/** The records a list reads: with `incident_id`, only that incident's (from the state's index), else all. */
export function workItemsFor<K extends "follow_ups" | "actions">(
  state: EmulatorState,
  collection: K,
  query: WorkItemQuery,
): Iterable<RecordOf<K>> {
  if (query.incidentId === undefined) return state.values(collection);
  return state.orders[collection].withKey(query.incidentId).flatMap((id) => {
    const record = state.get(collection, id);
    return record ? [record] : [];
  });
}

/** Items of incidents the key sees that pass the query, oldest first; deleted items are left out. */
export function listed<
  T extends { id: string; incident_id: string; status: WorkItemStatus; created_at: string },
>(state: EmulatorState, apiKey: ApiKeyRecord, items: Iterable<T>, query: WorkItemQuery): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (item.status === "deleted") continue;
    if (query.incidentId !== undefined && item.incident_id !== query.incidentId) continue;
    const incident = state.get("incidents", item.incident_id);
    if (!incident || !visibleTo(apiKey, incident) || !query.modes.has(incident.mode)) continue;
    out.push(item);
  }
  return out.sort((a, b) =>
    a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1,
  );
}

/** A follow-up or action as the key may address it: 404 when absent, deleted, or on an incident it cannot see. */
export function addressable<T extends { incident_id: string; status: WorkItemStatus }>(
  state: EmulatorState,
  apiKey: ApiKeyRecord,
  item: T | undefined,
): T | undefined {
  if (!item || item.status === "deleted") return undefined;
  return visibleTo(apiKey, state.get("incidents", item.incident_id)) ? item : undefined;
}
