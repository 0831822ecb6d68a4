import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { requireMirroredIncident } from "../../../app/mirrored-incident.js";
import {
  type Change,
  changeJson,
  correlateChanges,
  DEFAULT_CHANGE_WINDOW_MS,
  listChanges,
  ServiceNames,
  serviceName,
} from "../../../investigate/changes/index.js";
import { invalidArgument } from "../../../ops/invalid-argument.js";
import { systemClock } from "../../../shared/clock.js";
import { DURATION_HINT, parseDuration } from "../../../shared/duration.js";
import { accountScope, HUB_READ_ONLY, type HubState } from "../hub-state.js";
import { incidentRef } from "../inputs.js";
import { outputSchema, toolResult } from "../result.js";

const DEFAULT_SINCE = "24h";

const changesInput = {
  incident: incidentRef
    .optional()
    .describe(
      "An incident (ID, INC-123 or incident.io URL): the changes to its services and their declared " +
        "dependencies in the window before it was created (4h unless `since` says otherwise).",
    ),
  service: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Without an incident: the changes to this service (catalog name, title or ref, e.g. "payments-api").',
    ),
  since: z
    .string()
    .min(1)
    .optional()
    .describe(
      `How far back: "30m", "6h", "2d". Without an incident: before now (default ${DEFAULT_SINCE}); with ` +
        "one: before its creation (default 4h).",
    ),
  limit: z
    .number()
    .int()
    .min(1)
    .max(200)
    .optional()
    .describe("At most this many, newest first (default 50)."),
};

const ChangeView = z.looseObject({
  id: z.string(),
  service: z.string(),
  kind: z.string().describe("deploy, feature_flag, config or other"),
  description: z.string(),
  happened_at: z.string(),
  reason: z.string().optional().describe('With an incident: "deploy to payments-api 25 min before"'),
});

/** `since` (a duration) in milliseconds; `fallback` when not given. */
export function windowMs(since: string | undefined, fallback: number): number {
  if (since === undefined) return fallback;
  const ms = parseDuration(since);
  if (ms === undefined) throw invalidArgument(`invalid since "${since}"`, `${DURATION_HINT}, e.g. 4h`);
  return ms;
}

function line(change: Change, reason?: string): string {
  const by = change.author ? ` by ${change.author}` : "";
  return `${change.happenedAt}  ${change.kind} to ${serviceName(change.service)}: ${change.description}${by}${reason ? ` (${reason})` : ""}`;
}

/** `list_recent_changes`: deploys, flag flips and config changes the hub recorded. */
export function registerChangesTool(server: McpServer, hub: HubState): void {
  server.registerTool(
    "list_recent_changes",
    {
      title: "List recent changes",
      description:
        "Deploys, feature-flag flips and config changes recorded in the hub, newest first. With an incident: " +
        "the changes to its services (and their catalog dependencies) in the hours before it started, each " +
        "with why it is listed: the likeliest causes. Otherwise the recent changes to one service, or to all.",
      inputSchema: changesInput,
      outputSchema: outputSchema({
        changes: z.array(ChangeView),
        window: z.object({ from: z.string(), to: z.string() }).describe("ISO 8601, both ends included"),
        services: z.array(z.string()).optional().describe("With an incident: the services it maps to"),
      }),
      annotations: HUB_READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const limit = args.limit ?? 50;
        if (args.incident !== undefined) {
          const incident = await requireMirroredIncident(hub.directory, args.incident, accountScope(hub));
          const found = await correlateChanges(hub.store, incident, {
            directory: hub.directory,
            windowMs: windowMs(args.since, DEFAULT_CHANGE_WINDOW_MS),
            limit,
          });
          const changes = found.changes.map((c) => ({
            ...changeJson(c.change),
            reason: c.reason,
            dependency_of: c.dependencyOf,
            lead_ms: c.leadMs,
          }));
          const text =
            changes.length === 0
              ? `No changes to ${incident.reference}'s services (${found.services.map(serviceName).join(", ") || "none mapped"}) between ${found.window.from} and ${found.window.to}.`
              : [
                  `${changes.length} change(s) before ${incident.reference}:`,
                  ...found.changes.map((c) => line(c.change, c.reason)),
                ].join("\n");
          return { text, data: { changes, window: found.window, services: found.services } };
        }
        const now = (hub.clock ?? systemClock).now();
        const from = new Date(now - windowMs(args.since ?? DEFAULT_SINCE, 0)).toISOString();
        const to = new Date(now).toISOString();
        const services =
          args.service === undefined
            ? undefined
            : new ServiceNames(hub.directory.catalog.entities).aliases(args.service);
        const found = await listChanges(hub.store, { ...(services ? { services } : {}), from, to, limit });
        const subject = args.service === undefined ? "any service" : args.service;
        const text =
          found.length === 0
            ? `No changes to ${subject} between ${from} and ${to}.`
            : [`${found.length} change(s) to ${subject}:`, ...found.map((c) => line(c))].join("\n");
        return { text, data: { changes: found.map(changeJson), window: { from, to } } };
      }),
  );
}
