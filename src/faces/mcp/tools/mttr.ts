import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { accountMttr, hubAnalytics } from "../../../app/analytics.js";
import {
  AnalyticsInputError,
  MTTR_DIMENSIONS,
  type MttrDimension,
  windowOf,
} from "../../../investigate/analytics/index.js";
import { invalidArgument } from "../../../ops/invalid-argument.js";
import { systemClock } from "../../../shared/clock.js";
import { DURATION_HINT } from "../../../shared/duration.js";
import { HUB_READ_ONLY, type HubState } from "../hub-state.js";
import { outputSchema, toolResult } from "../result.js";

const DEFAULT_SINCE = "90d";

const mttrInput = {
  by: z
    .enum(MTTR_DIMENSIONS as [MttrDimension, ...MttrDimension[]])
    .optional()
    .describe(
      "Group by severity (with its priority, P0 most severe), service, team (the owners of the services), " +
        "month or week. Default severity.",
    ),
  since: z
    .string()
    .min(1)
    .optional()
    .describe(
      `The window: incidents created in the past "30m", "36h", "90d" or "2w" (default ${DEFAULT_SINCE}).`,
    ),
};

/** `get_mttr`: time to resolve over the hub's mirrored incidents. */
export function registerMttrTool(server: McpServer, hub: HubState): void {
  server.registerTool(
    "get_mttr",
    {
      title: "Get time to resolve (MTTR)",
      description:
        "Time to resolve (mean, median, p95 by nearest rank, in seconds and in words) of the incidents created " +
        "in a window, grouped by severity, service, team, month or week, from the hub's mirror of incident.io. " +
        "Test, tutorial, declined, merged and canceled incidents are left out; open ones are counted apart.",
      inputSchema: mttrInput,
      outputSchema: outputSchema({
        by: z.string(),
        window: z.object({ from: z.string(), to: z.string() }).describe("ISO 8601, `to` exclusive"),
        rows: z
          .array(
            z.looseObject({ key: z.string(), label: z.string(), resolved: z.number(), open: z.number() }),
          )
          .describe("One per group: meanSeconds, medianSeconds, p95Seconds (null with none resolved)"),
        all: z.looseObject({}).describe("Every incident of the window once"),
        excluded: z.number().describe("Incidents of the window left out (test, declined…)"),
        percentile: z.string().describe("How p95 is taken: nearest-rank"),
        priorities: z
          .looseObject({ source: z.string(), entries: z.array(z.looseObject({})) })
          .describe("With by=severity: severity → priority, and whether configured, by name or by rank"),
      }),
      annotations: HUB_READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const by = args.by ?? "severity";
        const now = (hub.clock ?? systemClock).now();
        let window: ReturnType<typeof windowOf>;
        try {
          window = windowOf({ since: args.since ?? DEFAULT_SINCE }, now, DEFAULT_SINCE);
        } catch (error) {
          if (error instanceof AnalyticsInputError) {
            throw invalidArgument(`invalid since "${args.since}"`, `${DURATION_HINT}, e.g. 90d`);
          }
          throw error;
        }
        const report = accountMttr(await hubAnalytics(hub.directory), {
          by,
          window,
          now,
          account: hub.account,
        });
        const rows = report.rows.map((row) => {
          const priority = row.priority ? ` (${row.priority})` : "";
          return `${row.label}${priority}: mean ${row.mean ?? "–"}, median ${row.median ?? "–"}, p95 ${row.p95 ?? "–"} over ${row.resolved} resolved, ${row.open} open`;
        });
        const text = [
          `Time to resolve by ${by}, incidents created ${report.window.from} to ${report.window.to}:`,
          ...(rows.length > 0 ? rows : ["no incidents in this window"]),
          `All: mean ${report.all.mean ?? "–"} over ${report.all.resolved} resolved, ${report.all.open} open; ${report.excluded} left out.`,
        ].join("\n");
        return { text, data: { ...report } };
      }),
  );
}
