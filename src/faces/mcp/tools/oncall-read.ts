import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import {
  getSchedule,
  listScheduleEntries,
  listScheduleOverrides,
  listSchedules,
  type OpsSession,
  onCallSubject,
  onCallText,
  whoIsOnCall,
} from "../../../ops/index.js";
import { READ_ONLY } from "../annotations.js";
import { moment, scheduleName, serviceName, teamName, userName } from "../oncall-inputs.js";
import {
  EntryView,
  entryView,
  OnCallView,
  OverrideView,
  onCallView,
  overrideView,
  ScheduleView,
  scheduleView,
} from "../oncall-views.js";
import { section } from "../render.js";
import { outputSchema, toolResult } from "../result.js";

function entryLine(entry: z.infer<typeof EntryView>): string {
  const override = entry.override ? " (override)" : "";
  return `${entry.from} → ${entry.until}  ${entry.rotation} / ${entry.layer}: ${entry.user ?? "no one"}${override}`;
}

/** Who is on call, and the schedules behind the answer. */
export function registerOnCallReadTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "who_is_on_call",
    {
      title: "Who is on call",
      description:
        "Who is on call now (or at a time) for a service, a team, a schedule or a user: give exactly one. A service " +
        "leads to its owner team in the catalog, the team to its on-call schedule (or escalation path); the answer " +
        "says that chain, each layer's person with when their shift ends and who takes over, overrides marked. To " +
        "page them, call page with the same service or team.",
      inputSchema: {
        service: serviceName.optional(),
        team: teamName.optional(),
        schedule: scheduleName.optional(),
        user: userName
          .optional()
          .describe("A user by name, email or ID: the schedules they are on call on, now or next."),
        at: moment("When to ask about; now when omitted"),
      },
      outputSchema: outputSchema({ on_call: OnCallView }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const subject = onCallSubject({
          service: args.service,
          team: args.team,
          schedule: args.schedule,
          user: args.user,
        });
        const answer = await whoIsOnCall(session, subject, args.at);
        return { text: onCallText(answer, session.clock.now()), data: { on_call: onCallView(answer) } };
      }),
  );

  server.registerTool(
    "list_schedules",
    {
      title: "List on-call schedules",
      description:
        "Every on-call schedule: its rotations (layers, people in order, handover cadence) and who is on call on it " +
        "now. Use a name from here for who_is_on_call, page or the override tools.",
      outputSchema: outputSchema({ schedules: z.array(ScheduleView) }),
      annotations: READ_ONLY,
    },
    () =>
      toolResult(async () => {
        const schedules = (await listSchedules(session)).map(scheduleView);
        const lines = schedules.map(
          (s) =>
            `${s.name} (${s.timezone}, id ${s.id}): ${s.rotations.map((r) => r.name).join(", ") || "no rotations"}; now: ${
              s.on_call_now.map((e) => e.user ?? "no one").join(", ") || "no one"
            }`,
        );
        return { text: lines.join("\n") || "No on-call schedules.", data: { schedules } };
      }),
  );

  server.registerTool(
    "get_schedule",
    {
      title: "Get an on-call schedule",
      description: "One schedule by name or ID: its rotations and who is on call on each layer now.",
      inputSchema: { schedule: scheduleName },
      outputSchema: outputSchema({ schedule: ScheduleView }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const schedule = scheduleView(await getSchedule(session, args.schedule));
        const rotations = schedule.rotations.map(
          (r) => `${r.name}: layers ${r.layers.join(", ")}; ${r.users.join(" → ")}; handover ${r.handover}`,
        );
        const text = [
          `${schedule.name} (${schedule.timezone}, id ${schedule.id})`,
          section("Rotations", rotations),
          section("On call now", schedule.on_call_now.map(entryLine)),
        ].join("\n");
        return { text, data: { schedule } };
      }),
  );

  server.registerTool(
    "list_schedule_entries",
    {
      title: "List schedule entries",
      description:
        "A schedule's shifts over a window (a week from `from` unless `to` is given; at most 92 days), overrides " +
        "applied, in order of start; overrides in the window listed too.",
      inputSchema: {
        schedule: scheduleName,
        from: moment("Start of the window; now when omitted"),
        to: moment("End of the window; a week after the start when omitted"),
      },
      outputSchema: outputSchema({
        from: z.string(),
        to: z.string(),
        entries: z.array(EntryView),
        overrides: z.array(EntryView),
      }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const result = await listScheduleEntries(session, args.schedule, {
          from: args.from,
          to: args.to,
        });
        const entries = result.final.map((entry) => entryView(result.schedule, entry));
        const overrides = result.overrides.map((entry) => entryView(result.schedule, entry));
        const text = section(
          `${result.schedule.name} from ${result.from} to ${result.to}: ${entries.length} shift(s)`,
          entries.map(entryLine),
        );
        return { text, data: { from: result.from, to: result.to, entries, overrides } };
      }),
  );

  server.registerTool(
    "list_schedule_overrides",
    {
      title: "List schedule overrides",
      description:
        "A schedule's overrides that have not ended (someone covering a layer instead of the rotation), with their " +
        "IDs for delete_schedule_override.",
      inputSchema: {
        schedule: scheduleName,
        include_ended: z.boolean().optional().describe("Also list overrides that have ended; default false."),
      },
      outputSchema: outputSchema({ overrides: z.array(OverrideView) }),
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const result = await listScheduleOverrides(session, args.schedule, {
          includeEnded: args.include_ended === true,
        });
        const overrides = result.overrides.map(overrideView);
        const lines = overrides.map(
          (o) => `${o.id}  ${o.user ?? "no one"} on ${o.rotation} / ${o.layer}, ${o.from} → ${o.until}`,
        );
        return {
          text: section(`${result.schedule.name}: ${overrides.length} override(s)`, lines),
          data: { overrides },
        };
      }),
  );
}
