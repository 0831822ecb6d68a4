import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import {
  cancelEscalation,
  createScheduleOverride,
  deleteScheduleOverride,
  type OpsSession,
  page,
  pagedWords,
  pageWho,
} from "../../../ops/index.js";
import { DESTRUCTIVE_WRITE, SAFE_WRITE } from "../annotations.js";
import { idempotencyKey, incidentRef } from "../inputs.js";
import {
  escalationId,
  moment,
  pathName,
  scheduleName,
  serviceName,
  teamName,
  userName,
} from "../oncall-inputs.js";
import {
  EscalationView,
  escalationLine,
  escalationView,
  OverrideView,
  overrideView,
} from "../oncall-views.js";
import { outputSchema, toolResult } from "../result.js";
import { pathNamesOf } from "./escalations-read.js";

function overrideLine(view: z.infer<typeof OverrideView>, schedule: string): string {
  return `${view.user ?? "no one"} on ${schedule} (${view.rotation} / ${view.layer}) from ${view.from} until ${view.until}, override ${view.id}`;
}

/** Overrides, pages and cancelling pages. */
export function registerOnCallWriteTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "create_schedule_override",
    {
      title: "Create a schedule override",
      description:
        "Puts someone on call instead of the rotation for a while (covering a colleague). The rotation is needed " +
        "when the schedule has several; the layer defaults to the rotation's first. Asking again for the same " +
        "override finds the one made, never a second.",
      inputSchema: {
        schedule: scheduleName,
        user: userName.describe("Who covers: full name, email or ID."),
        until: z
          .string()
          .min(1)
          .describe('When the cover ends: an ISO 8601 date-time or a duration from now ("8h", "2d").'),
        from: moment("When the cover starts; now when omitted"),
        rotation: z
          .string()
          .min(1)
          .optional()
          .describe("The rotation covered, by name or ID (get_schedule lists them)."),
        layer: z
          .string()
          .min(1)
          .optional()
          .describe("The layer covered, by name or ID; the rotation's first when omitted."),
      },
      outputSchema: outputSchema({
        override: OverrideView,
        created: z.boolean().describe("false when the same override was already there"),
      }),
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const made = await createScheduleOverride(session, {
          schedule: args.schedule,
          user: args.user,
          until: args.until,
          from: args.from,
          rotation: args.rotation,
          layer: args.layer,
        });
        const view = overrideView(made);
        const said = made.created ? "Override created" : "Override already there";
        return {
          text: `${said}: ${overrideLine(view, made.schedule.name)}.`,
          data: { override: view, created: made.created },
        };
      }),
  );

  server.registerTool(
    "delete_schedule_override",
    {
      title: "Delete a schedule override",
      description:
        "Deletes an override, named by its ID or by whose it is (their one override on the schedule that has not " +
        "ended); the rotation's own person is on call again for its window.",
      inputSchema: {
        schedule: scheduleName,
        id: z.string().min(1).optional().describe("The override's ID (list_schedule_overrides)."),
        user: userName.optional().describe("Whose override: full name, email or ID."),
      },
      outputSchema: outputSchema({ deleted: OverrideView }),
      annotations: DESTRUCTIVE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const removed = await deleteScheduleOverride(session, {
          schedule: args.schedule,
          id: args.id,
          user: args.user,
        });
        const view = overrideView(removed);
        return { text: `Deleted: ${overrideLine(view, removed.schedule.name)}.`, data: { deleted: view } };
      }),
  );

  server.registerTool(
    "page",
    {
      title: "Page someone",
      description:
        "Pages (creates an escalation): a service's on-call (through its owner team's escalation path), a team, an " +
        "escalation path, a schedule's on-call, or users by name or email; give exactly one. Retrying the same page " +
        "while it is under way finds it instead of paging twice. Link it to an incident with `incident`.",
      inputSchema: {
        title: z.string().min(1).describe("What is wrong, as the person paged will read it."),
        service: serviceName.optional(),
        team: teamName.optional(),
        path: pathName.optional(),
        schedule: scheduleName.optional(),
        users: z
          .array(userName)
          .min(1)
          .optional()
          .describe("People to page directly: full names, emails or IDs."),
        description: z.string().optional().describe("More detail for the person paged."),
        incident: incidentRef.optional(),
        idempotency_key: idempotencyKey,
      },
      outputSchema: outputSchema({
        escalation: EscalationView,
        paged: z
          .string()
          .describe('What was paged: "escalation path Payments urgent", or the people\'s names'),
        chain: z.array(z.string()).describe("How the target was found from what was given"),
        idempotency_key: z.string(),
        created: z
          .union([z.boolean(), z.literal("unknown")])
          .describe(
            'false when the same page was already under way (nothing paged twice); "unknown" when the key may not list escalations to tell',
          ),
      }),
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const paged = await page(session, {
          who: pageWho({
            service: args.service,
            team: args.team,
            path: args.path,
            schedule: args.schedule,
            user: args.users,
          }),
          title: args.title,
          description: args.description,
          incident: args.incident,
          idempotencyKey: args.idempotency_key,
        });
        const view = escalationView(paged.escalation, await pathNamesOf(session));
        const said = pagedWords(paged.created);
        return {
          text: `${said} ${paged.chain.join(" → ")}. ${escalationLine(view)}. Idempotency key ${paged.idempotencyKey}.`,
          data: {
            escalation: view,
            paged: paged.target,
            chain: paged.chain,
            idempotency_key: paged.idempotencyKey,
            created: paged.created,
          },
        };
      }),
  );

  server.registerTool(
    "cancel_escalation",
    {
      title: "Cancel an escalation (page)",
      description:
        "Stops a page: no one further is paged. Cancelling a cancelled page changes nothing; an expired one cannot be.",
      inputSchema: { id: escalationId },
      outputSchema: outputSchema({ escalation: EscalationView }),
      annotations: DESTRUCTIVE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const view = escalationView(await cancelEscalation(session, args.id), await pathNamesOf(session));
        return { text: `Cancelled. ${escalationLine(view)}`, data: { escalation: view } };
      }),
  );
}
