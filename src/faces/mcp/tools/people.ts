import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import {
  type AccessChange,
  assignRole,
  getUser,
  grantIncidentAccess,
  listIncidentRoles,
  listUsers,
  type OpsSession,
  type RoleChange,
  revokeIncidentAccess,
  unassignRole,
} from "../../../ops/index.js";
import { DESTRUCTIVE_WRITE, READ_ONLY, SAFE_WRITE } from "../annotations.js";
import { incidentRef, notify } from "../inputs.js";
import {
  RoleView,
  roleView,
  UserDetailView,
  UserView,
  userDetailView,
  userLine,
  userView,
} from "../people-views.js";
import { outputSchema, toolResult } from "../result.js";
import { IncidentView, incidentView } from "../views.js";

const userInput = z
  .string()
  .min(1)
  .describe('A user by email (any case), full name ("Ada Lovelace") or ID; list_users finds them.');
const roleInput = z
  .string()
  .min(1)
  .describe(
    'An incident role by name (any case, e.g. "Incident Lead") or ID; list_incident_roles shows them.',
  );

const roleChangeOutput = outputSchema({
  incident: IncidentView,
  role: z.string(),
  assignee: UserView.optional().describe("Who holds the role now; absent when nobody does"),
  previous: UserView.optional().describe("Who held it before this call, when someone else did"),
  changed: z.boolean().describe("false when the role was already as asked and nothing was written"),
});

function roleChangeData(change: RoleChange) {
  return {
    incident: incidentView(change.incident),
    role: change.role.name,
    ...(change.assignee ? { assignee: userView(change.assignee) } : {}),
    ...(change.previous ? { previous: userView(change.previous) } : {}),
    changed: change.changed,
  };
}

const accessOutput = outputSchema({
  incident: IncidentView,
  user: UserView,
  changed: z.boolean().describe("false when the user already had (or already had no) access"),
});

function accessData(change: AccessChange) {
  return { incident: incidentView(change.incident), user: userView(change.user), changed: change.changed };
}

/** Users and incident roles, to be read before naming anyone. */
export function registerPeopleReadTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "list_users",
    {
      title: "List users",
      description:
        "The organisation's active users by name, with email and base role; `search` keeps those whose name or " +
        "email contains it. Use a name or email from here for assign_role, grant_incident_access and other tools.",
      inputSchema: {
        search: z
          .string()
          .min(1)
          .max(200)
          .optional()
          .describe('Part of a name or email, any case, e.g. "ada".'),
      },
      outputSchema: outputSchema({ users: z.array(UserView) }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const users = (await listUsers(session, args.search ? { search: args.search } : {})).map(userView);
        const lines = users.map((user) => `${userLine(user)} [${user.role}] (id ${user.id})`);
        return { text: lines.join("\n") || "No active user matches.", data: { users } };
      }),
  );

  server.registerTool(
    "get_user",
    {
      title: "Get a user",
      description:
        "One active user by email, full name or ID: base role, custom roles, on-call and response seats, Slack ID.",
      inputSchema: { user: userInput },
      outputSchema: outputSchema({ user: UserDetailView }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const user = userDetailView(await getUser(session, args.user));
        const text = [
          `${userLine(user)} (id ${user.id})`,
          `Role: ${user.role}${user.custom_roles.length > 0 ? `; custom roles: ${user.custom_roles.join(", ")}` : ""}`,
          `Seats: on-call ${user.on_call_seat}, response ${user.response_seat}`,
        ].join("\n");
        return { text, data: { user } };
      }),
  );

  server.registerTool(
    "list_incident_roles",
    {
      title: "List incident roles",
      description:
        "The organisation's incident roles (the lead, the reporter and custom ones) with what each holder does. " +
        "Use a name from here for assign_role and unassign_role.",
      outputSchema: outputSchema({ roles: z.array(RoleView) }),
      annotations: READ_ONLY,
    },
    () =>
      toolResult(async () => {
        const roles = (await listIncidentRoles(session)).map(roleView);
        const lines = roles.map(
          (role) => `${role.name} [${role.role_type}] (id ${role.id}): ${role.description}`,
        );
        return { text: lines.join("\n") || "No incident roles are configured.", data: { roles } };
      }),
  );
}

/** Role assignments and access to private incidents. Each is safe to retry. */
export function registerPeopleWriteTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "assign_role",
    {
      title: "Assign an incident role",
      description:
        "Gives an incident role (e.g. Incident Lead) to a user, named by email or full name; whoever held it no " +
        "longer does. Assigning the same person again changes nothing.",
      inputSchema: { incident: incidentRef, role: roleInput, user: userInput, notify },
      outputSchema: roleChangeOutput,
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const change = await assignRole(session, args.incident, args.role, args.user, {
          notify: args.notify,
        });
        const data = roleChangeData(change);
        const who = change.assignee ? userLine(change.assignee) : args.user;
        const text = change.changed
          ? `${data.incident.reference}: ${who} is now ${data.role}${change.previous ? ` (was ${userLine(change.previous)})` : ""}.`
          : `${data.incident.reference}: ${who} was already ${data.role}; nothing changed.`;
        return { text, data };
      }),
  );

  server.registerTool(
    "unassign_role",
    {
      title: "Unassign an incident role",
      description:
        "Leaves an incident role unassigned, taking it from whoever holds it. A role nobody holds is left as it is.",
      inputSchema: { incident: incidentRef, role: roleInput, notify },
      outputSchema: roleChangeOutput,
      annotations: DESTRUCTIVE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const change = await unassignRole(session, args.incident, args.role, {
          notify: args.notify,
        });
        const data = roleChangeData(change);
        const text = change.previous
          ? `${data.incident.reference}: ${data.role} is unassigned (was ${userLine(change.previous)}).`
          : `${data.incident.reference}: nobody held ${data.role}; nothing changed.`;
        return { text, data };
      }),
  );

  server.registerTool(
    "grant_incident_access",
    {
      title: "Grant access to a private incident",
      description:
        "Lets a user (by email or full name) see a private incident. Public incidents are refused: everyone " +
        "can see them already. Granting twice leaves one membership.",
      inputSchema: { incident: incidentRef, user: userInput },
      outputSchema: accessOutput,
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const change = await grantIncidentAccess(session, args.incident, args.user);
        const data = accessData(change);
        const text = change.changed
          ? `${userLine(data.user)} can now see ${data.incident.reference}.`
          : `${userLine(data.user)} could already see ${data.incident.reference}; nothing changed.`;
        return { text, data };
      }),
  );

  server.registerTool(
    "revoke_incident_access",
    {
      title: "Revoke access to a private incident",
      description:
        "Takes a user's membership of a private incident away (people who see every incident keep seeing it). " +
        "A user who was no member is left as they are.",
      inputSchema: { incident: incidentRef, user: userInput },
      outputSchema: accessOutput,
      annotations: DESTRUCTIVE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const change = await revokeIncidentAccess(session, args.incident, args.user);
        const data = accessData(change);
        const text = change.changed
          ? `${userLine(data.user)} is no longer a member of ${data.incident.reference}.`
          : `${userLine(data.user)} was no member of ${data.incident.reference}; nothing changed.`;
        return { text, data };
      }),
  );
}
