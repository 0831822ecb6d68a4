import type { Action, ActionsCreatePayload, ActionsUpdatePayload } from "../api/index.js";
import { fetchIncident } from "./incident-lookup.js";
import { invalidArgument } from "./invalid-argument.js";
import { KeyedMutex } from "./keyed-mutex.js";
import type { OpsSession } from "./session.js";
import {
  assigneeId,
  type IncidentName,
  keptStatus,
  listModeOf,
  listWork,
  rehintNotFound,
  requiredText,
  sameText,
  settableStatus,
  type WorkItemQuery,
  withIncidentName,
} from "./work-items.js";

/** Actions: the to-dos of a response itself ("restart the primary"), as follow-ups are the work after it. */

export interface ActionList {
  actions: Action[];
  total: number;
  incidents: Record<string, IncidentName>;
}

/** Actions of one incident or of all of them, newest first, filtered by status, assignee and incident mode. */
export async function listActions(s: OpsSession, query: WorkItemQuery = {}): Promise<ActionList> {
  const { items, ...rest } = await listWork(s, query, "action", (filter) => s.io.actions.list(filter));
  return { actions: items, ...rest };
}

export async function getAction(
  s: OpsSession,
  id: string,
): Promise<{ action: Action; incident?: IncidentName }> {
  const action = await showAction(s, id);
  return { action, ...(await withIncidentName(s, action)) };
}

export interface ActionInput {
  /** What to do, in Markdown. */
  description: string;
  /** ID, email or name. */
  assignee?: string | undefined;
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
  status?: string | undefined;
  description?: string | undefined;
  /** ID, email or name; null unassigns. */
  assignee?: string | null | undefined;
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
