import type { IncidentRole, User, UserWithRoles } from "../api/index.js";
import type { OpsSession } from "./session.js";

/**
 * Active users, by name, optionally only those whose name or email contains `search` (any case): what an agent
 * or a person looks through before naming someone in assign_role or grant_incident_access.
 */
export async function listUsers(s: OpsSession, options: { search?: string } = {}): Promise<User[]> {
  const wanted = options.search?.trim().toLowerCase() ?? "";
  const users = await s.lookups.users();
  return users
    .filter(
      (user) =>
        wanted === "" ||
        user.name.toLowerCase().includes(wanted) ||
        (user.email?.toLowerCase().includes(wanted) ?? false),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One active user by ID, email (any case) or exact name, as the Users API has them (roles and seats). */
export async function getUser(s: OpsSession, emailOrNameOrId: string): Promise<UserWithRoles> {
  const user = await s.lookups.user(emailOrNameOrId);
  return s.io.users.show(user.id);
}

/** The incident roles people can be given (lead, reporter and custom ones). */
export async function listIncidentRoles(s: OpsSession): Promise<IncidentRole[]> {
  return s.lookups.roles();
}
