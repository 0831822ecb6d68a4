import type { Incident, IncidentRole, User } from "../api/index.js";
import { fetchIncident } from "./incident-lookup.js";
import type { OpsSession } from "./session.js";

/** What an assign or unassign did: `changed` is false when the role was already as asked, and nothing was written. */
export interface RoleChange {
  incident: Incident;
  role: IncidentRole;
  /** Who holds the role now. */
  assignee?: User;
  /** Who held it before, when someone else did. */
  previous?: User;
  changed: boolean;
}

function holder(incident: Incident, roleId: string): User | undefined {
  return incident.incident_role_assignments.find((assignment) => assignment.role.id === roleId)?.assignee;
}

/**
 * Gives an incident role (by name or ID) to a user (by email, name or ID); whoever held it no longer does. The same
 * call again changes nothing, and says so. The channel hears of it only with `notify`.
 */
export async function assignRole(
  s: OpsSession,
  ref: string,
  roleName: string,
  userName: string,
  options: { notify?: boolean | undefined } = {},
): Promise<RoleChange> {
  const [current, role, user] = await Promise.all([
    fetchIncident(s, ref),
    s.lookups.role(roleName),
    s.lookups.user(userName),
  ]);
  const previous = holder(current, role.id);
  if (previous?.id === user.id) return { incident: current, role, assignee: previous, changed: false };
  const { incident } = await s.io.incidents.assignRole(current.id, role.id, { id: user.id }, options);
  return {
    incident,
    role,
    assignee: holder(incident, role.id) ?? user,
    ...(previous ? { previous } : {}),
    changed: true,
  };
}

/** Leaves an incident role (by name or ID) unassigned; a role nobody holds is left as it is. */
export async function unassignRole(
  s: OpsSession,
  ref: string,
  roleName: string,
  options: { notify?: boolean | undefined } = {},
): Promise<RoleChange> {
  const [current, role] = await Promise.all([fetchIncident(s, ref), s.lookups.role(roleName)]);
  const previous = holder(current, role.id);
  if (previous === undefined) return { incident: current, role, changed: false };
  const { incident } = await s.io.incidents.unassignRole(current.id, role.id, options);
  return { incident, role, previous, changed: true };
}
