import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import type { User } from "../../../api/index.js";
import {
  type AccessChange,
  assignRole,
  grantIncidentAccess,
  type RoleChange,
  revokeIncidentAccess,
  unassignRole,
} from "../../../ops/index.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { helpAfter } from "../flags.js";

const REF = "<ref>";
const REF_HELP = "the incident: its ID, INC-123, 123, or its incident.io URL";
const NOTIFY_HELP = "tell the incident's Slack channel about the change (off by default)";
const ROLE_JSON =
  '{ "incident": incident.io incident, "role": string, "assignee": user | null, "previous": user | null, "changed": boolean }';
const ACCESS_JSON = '{ "incident": incident.io incident, "user": user, "changed": boolean }';

function person(user: User): string {
  return user.email ? `${user.name} <${user.email}>` : user.name;
}

function roleJson(change: RoleChange): Record<string, unknown> {
  return {
    incident: change.incident,
    role: change.role.name,
    assignee: change.assignee ?? null,
    previous: change.previous ?? null,
    changed: change.changed,
  };
}

function accessJson(change: AccessChange): Record<string, unknown> {
  return { incident: change.incident, user: change.user, changed: change.changed };
}

/** `incidents assign|unassign` (incident roles) and `incidents access grant|revoke` (private incidents). */
export function registerIncidentPeople(incidents: CommandUnknownOpts, config: Config): void {
  incidents
    .command("assign")
    .description(
      "Give an incident role to someone, by role name and their email or name; the holder is replaced.",
    )
    .argument(REF, REF_HELP)
    .requiredOption("--role <name>", 'the role by name or ID, e.g. "Incident Lead" (incidentkit roles list)')
    .requiredOption("--user <email or name>", "who gets it: email, full name or ID (incidentkit users list)")
    .option("--notify", NOTIFY_HELP)
    .addHelpText(
      "after",
      helpAfter(
        [
          'incidentkit incidents assign INC-123 --role "Incident Lead" --user priya.raman@acme.example',
          'incidentkit incidents assign INC-123 --role Scribe --user "Daniel Kim" --notify --json',
        ],
        ROLE_JSON,
      ),
    )
    .action(async (ref, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const change = await assignRole(sessionFor(config, globals), ref, flags.role, flags.user, {
        ...(flags.notify ? { notify: true } : {}),
      });
      const who = change.assignee ? person(change.assignee) : flags.user;
      out.emit(roleJson(change), () =>
        change.changed
          ? `${change.incident.reference}: ${who} is now ${change.role.name}${change.previous ? ` (was ${person(change.previous)})` : ""}.`
          : `${change.incident.reference}: ${who} was already ${change.role.name}; nothing changed.`,
      );
    });

  incidents
    .command("unassign")
    .description("Leave an incident role unassigned; a role nobody holds is left as it is.")
    .argument(REF, REF_HELP)
    .requiredOption("--role <name>", "the role by name or ID")
    .option("--notify", NOTIFY_HELP)
    .addHelpText(
      "after",
      helpAfter(['incidentkit incidents unassign INC-123 --role "Communications Lead"'], ROLE_JSON),
    )
    .action(async (ref, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const change = await unassignRole(sessionFor(config, globals), ref, flags.role, {
        ...(flags.notify ? { notify: true } : {}),
      });
      out.emit(roleJson(change), () =>
        change.previous
          ? `${change.incident.reference}: ${change.role.name} is unassigned (was ${person(change.previous)}).`
          : `${change.incident.reference}: nobody held ${change.role.name}; nothing changed.`,
      );
    });

  const access = incidents
    .command("access")
    .description("Who may see a private incident: grant or revoke a user's membership.")
    .addHelpText(
      "after",
      helpAfter([
        "incidentkit incidents access grant INC-123 --user priya.raman@acme.example",
        "incidentkit incidents access revoke INC-123 --user priya.raman@acme.example",
      ]),
    );

  access
    .command("grant")
    .description("Let a user see a private incident; granting twice leaves one membership.")
    .argument(REF, REF_HELP)
    .requiredOption("--user <email or name>", "email, full name or ID")
    .addHelpText(
      "after",
      helpAfter(['incidentkit incidents access grant INC-123 --user "Marcus Okafor"'], ACCESS_JSON),
    )
    .action(async (ref, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const change = await grantIncidentAccess(sessionFor(config, globals), ref, flags.user);
      out.emit(accessJson(change), () =>
        change.changed
          ? `${person(change.user)} can now see ${change.incident.reference}.`
          : `${person(change.user)} could already see ${change.incident.reference}; nothing changed.`,
      );
    });

  access
    .command("revoke")
    .description(
      "Take a user's membership of a private incident away; a user who was no member is left as is.",
    )
    .argument(REF, REF_HELP)
    .requiredOption("--user <email or name>", "email, full name or ID")
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit incidents access revoke INC-123 --user marcus.okafor@acme.example"],
        ACCESS_JSON,
      ),
    )
    .action(async (ref, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const change = await revokeIncidentAccess(sessionFor(config, globals), ref, flags.user);
      out.emit(accessJson(change), () =>
        change.changed
          ? `${person(change.user)} is no longer a member of ${change.incident.reference}.`
          : `${person(change.user)} was no member of ${change.incident.reference}; nothing changed.`,
      );
    });
}
