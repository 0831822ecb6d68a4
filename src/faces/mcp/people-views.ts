import { z } from "zod";
import type { IncidentRole, User, UserWithRoles } from "../../api/index.js";

/** The compact shapes the people and role tools return. */

export const UserView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().optional(),
  role: z.string().describe("Base role: viewer, responder, administrator or owner"),
});
export type UserView = z.infer<typeof UserView>;

export function userView(user: User): UserView {
  return { id: user.id, name: user.name, ...(user.email ? { email: user.email } : {}), role: user.role };
}

export const UserDetailView = UserView.extend({
  active: z.boolean(),
  custom_roles: z.array(z.string()).describe("Custom RBAC roles by name"),
  on_call_seat: z.string().describe("Whether they hold an on-call seat: none, full_access, …"),
  response_seat: z.string(),
  slack_user_id: z.string().optional(),
});

export function userDetailView(user: UserWithRoles): z.infer<typeof UserDetailView> {
  return {
    ...userView(user),
    role: user.base_role.name,
    active: user.is_active,
    custom_roles: user.custom_roles.map((role) => role.name),
    on_call_seat: user.seats.on_call,
    response_seat: user.seats.response,
    ...(user.slack_user_id ? { slack_user_id: user.slack_user_id } : {}),
  };
}

export const RoleView = z.object({
  id: z.string(),
  name: z.string(),
  role_type: z.string().describe("lead, reporter or custom"),
  shortform: z.string(),
  description: z.string(),
  instructions: z.string().describe("What the holder of the role is asked to do"),
});

export function roleView(role: IncidentRole): z.infer<typeof RoleView> {
  return {
    id: role.id,
    name: role.name,
    role_type: role.role_type,
    shortform: role.shortform,
    description: role.description,
    instructions: role.instructions,
  };
}

/** `Name <email>`, or the name alone. */
export function userLine(user: { name: string; email?: string | undefined }): string {
  return user.email ? `${user.name} <${user.email}>` : user.name;
}
