import type { ActionRecord, FollowUpRecord } from "./model-follow-ups.js";
import type { IncidentMembershipRecord } from "./model-memberships.js";
import { renderActor, renderUser } from "./render.js";
import type { EmulatorState } from "./state.js";
import { teamEntry } from "./teams.js";

/** Follow-ups (FollowUpV2), actions (ActionV2) and memberships (IncidentMembershipV1) as the API shows them. */

function assignee(state: EmulatorState, userId: string | undefined) {
  const user = userId ? state.get("users", userId) : undefined;
  return user ? { assignee: renderUser(user) } : {};
}

export function renderFollowUp(state: EmulatorState, f: FollowUpRecord) {
  const team = f.assignee_team_id ? teamEntry(state, f.assignee_team_id) : undefined;
  const priority = f.priority_id ? state.get("follow_up_priorities", f.priority_id) : undefined;
  return {
    id: f.id,
    incident_id: f.incident_id,
    title: f.title,
    ...(f.description !== undefined ? { description: f.description } : {}),
    status: f.status,
    labels: f.labels,
    creator: renderActor(state, f.creator),
    ...assignee(state, f.assignee_user_id),
    ...(team ? { assignee_team: { id: team.id, name: team.name } } : {}),
    ...(priority
      ? {
          priority: {
            id: priority.id,
            name: priority.name,
            rank: priority.rank,
            ...(priority.description !== undefined ? { description: priority.description } : {}),
          },
        }
      : {}),
    ...(f.external_issue ? { external_issue_reference: { ...f.external_issue } } : {}),
    ...(f.completed_at ? { completed_at: f.completed_at } : {}),
    created_at: f.created_at,
    updated_at: f.updated_at,
  };
}

export function renderAction(state: EmulatorState, a: ActionRecord) {
  return {
    id: a.id,
    incident_id: a.incident_id,
    description: a.description,
    status: a.status,
    creator: renderActor(state, a.creator),
    ...assignee(state, a.assignee_user_id),
    ...(a.completed_at ? { completed_at: a.completed_at } : {}),
    created_at: a.created_at,
    updated_at: a.updated_at,
  };
}

export function renderMembership(state: EmulatorState, m: IncidentMembershipRecord) {
  const user = state.get("users", m.user_id);
  return {
    id: m.id,
    incident_id: m.incident_id,
    // Users are never deleted, only deactivated; the fallback keeps the shape if a store says otherwise.
    user: user ? renderUser(user) : { id: m.user_id, name: "Unknown user", role: "unset" as const },
    created_at: m.created_at,
    updated_at: m.updated_at,
  };
}
