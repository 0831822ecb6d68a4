import type { Action, ActionsCreatePayload, ActionsUpdatePayload } from "../api/index.js";
import { fetchIncident } from "./incident-lookup.js";
import { invalidArgument } from "./invalid-argument.js";
import { KeyedMutex } from "./keyed-mutex.js";
import type { OpsSession } from "./session.js";
import {
  assigneeFilter,
  assigneeId,
  checkLimit,
  type IncidentName,
  incidentMode,
  incidentNames,
  keptStatus,
  listModeOf,
  newestFirst,
  queriedIncident,
  rehintNotFound,
  requiredText,
  sameText,
  settableStatus,
  type WorkItemQuery,
} from "./work-items.js";

/** Actions: the to-dos of a response itself ("restart the primary"), as follow-ups are the work after it. */

export interface ActionList {
  actions: Action[];
  total: number;
  incidents: Record<string, IncidentName>;
}

/** Actions of one incident or of all of them, newest first, filtered by status, assignee and incident mode. */
export async function listActions(s: OpsSession, query: WorkItemQuery = {}): Promise<ActionList> {
  const statuses = query.status?.map((status) => settableStatus(status, "action"));
  const mode = incidentMode(query.mode);
  const limit = checkLimit(query.limit);
  const incident = await queriedIncident(s, query.incident);
  const listMode = mode ?? (incident ? listModeOf(incident) : undefined);
  const all = await s.io.actions.list({
    ...(incident ? { incident_id: incident.id } : {}),
    ...(listMode ? { incident_mode: listMode } : {}),
  });
  const assignee =
    query.assignee === undefined
      ? undefined
      : await assigneeFilter(
          s,
          query.assignee,
          all.map((action) => action.assignee),
        );
  const matching = newestFirst(
    all.filter(
      (action) =>
        (statuses === undefined || statuses.some((status) => status === action.status)) &&
        (assignee === undefined || assignee(action.assignee)),
    ),
  );
  const actions = query.all ? matching : matching.slice(0, limit);
  return {
    actions,
    total: matching.length,
    incidents: await incidentNames(s, actions, incident ? [incident] : []),
  };
}

export async function getAction(
  s: OpsSession,
  id: string,
): Promise<{ action: Action; incident?: IncidentName }> {
  const action = await showAction(s, id);
  const incident = (await incidentNames(s, [action]))[action.incident_id];
  return { action, ...(incident ? { incident } : {}) };
}

export interface ActionInput {
  /** What to do, in Markdown. */
  description: string;
  /** ID, email or name. */
  assignee?: string;
}

const creators = new KeyedMutex();

/**
 * Adds an action to an incident, once: the create takes no idempotency key, so an action of the incident with the
 * same description (ignoring case and spacing) is returned as found, with nothing written.
 */
export async function createAction(
  s: OpsSession,
  ref: string,
  input: ActionInput,
): Promise<{ action: Action; created: boolean; incident: IncidentName }> {
  const description = requiredText(input.description, "the action's description", "say what needs doing");
  const [incident, assignee] = await Promise.all([
    fetchIncident(s, ref),
    input.assignee === undefined ? undefined : assigneeId(s, input.assignee),
  ]);
  const name = { reference: incident.reference, name: incident.name };
  return creators.run(`${s.alias}\u0000${incident.id}\u0000${description.toLowerCase()}`, async () => {
    const mode = listModeOf(incident);
    const existing = await s.io.actions.list({
      incident_id: incident.id,
      ...(mode ? { incident_mode: mode } : {}),
    });
    const found = existing.find((action) => sameText(action.description, description));
    if (found) return { action: found, created: false, incident: name };
    const body: ActionsCreatePayload = {
      incident_id: incident.id,
      description,
      ...(assignee ? { assignee_id: assignee } : {}),
    };
    return { action: (await s.io.actions.create(body)).action, created: true, incident: name };
  });
}

export interface ActionChanges {
  status?: string;
  description?: string;
  /** ID, email or name; null unassigns. */
  assignee?: string | null;
}

/** Changes what is given and keeps the rest (the update needs description and status: the current ones). */
export async function updateAction(s: OpsSession, id: string, changes: ActionChanges): Promise<Action> {
  if (Object.values(changes).every((value) => value === undefined)) {
    throw invalidArgument("nothing to change", "give at least one of status, description or assignee");
  }
  const description =
    changes.description === undefined
      ? undefined
      : requiredText(changes.description, "the action's description", "give one, or leave it out to keep it");
  const status = changes.status === undefined ? undefined : settableStatus(changes.status, "action");
  const [current, assignee] = await Promise.all([
    showAction(s, id),
    changes.assignee === undefined || changes.assignee === null
      ? changes.assignee
      : assigneeId(s, changes.assignee),
  ]);
  const body: ActionsUpdatePayload = {
    description: description ?? current.description,
    status: status ?? keptStatus(current.status, "action"),
    ...(assignee !== undefined ? { assignee_id: assignee } : {}),
  };
  try {
    return (await s.io.actions.update(current.id, body)).action;
  } catch (error) {
    throw rehintNotFound(error, "action");
  }
}

async function showAction(s: OpsSession, id: string): Promise<Action> {
  const wanted = requiredText(id, "the action's ID", "give the ID of an action as its list shows it");
  try {
    return await s.io.actions.show(wanted);
  } catch (error) {
    throw rehintNotFound(error, "action");
  }
}
