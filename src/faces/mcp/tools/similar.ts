import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { requireMirroredIncident } from "../../../app/mirrored-incident.js";
import { resolutionText, similarIncidentJson } from "../../../app/similar-json.js";
import { DEFAULT_LIMIT, DEFAULT_THRESHOLD } from "../../../investigate/similar/index.js";
import { formatElapsed } from "../../../shared/duration.js";
import { accountScope, HUB_READ_ONLY, type HubState } from "../hub-state.js";
import { incidentRef } from "../inputs.js";
import { outputSchema, toolResult } from "../result.js";

const similarInput = {
  incident: incidentRef
    .optional()
    .describe(
      'The incident to find others like: its ID, reference ("INC-123") or incident.io URL, as mirrored by the ' +
        "hub. Give this, or text, or both.",
    ),
  text: z
    .string()
    .min(1)
    .max(10_000)
    .optional()
    .describe('Free text to match, e.g. an alert\'s title: "checkout 5xx, connection pool exhausted".'),
  services: z
    .array(z.string().min(1))
    .optional()
    .describe('Services the incident affects, by catalog name, title or ref (e.g. ["payments-api"]).'),
  similarity_threshold: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe(`Only results scoring at least this, 0..1 (default ${DEFAULT_THRESHOLD}).`),
  time_range: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Only incidents created within this long before the incident (or now, for text): "90d", "12h". ' +
        "Default: all history.",
    ),
  limit: z
    .number()
    .int()
    .min(1)
    .max(50)
    .optional()
    .describe(`At most this many results, best first (default ${DEFAULT_LIMIT}).`),
};

const SimilarView = z.looseObject({
  id: z.string(),
  reference: z.string(),
  name: z.string(),
  score: z.number().describe("0..1: text (BM25), shared services and fields, same severity, time proximity"),
  reasons: z.array(z.string()).describe('Strongest first: "same service: payments-api", "3 days earlier"'),
  resolution: z.looseObject({}).describe("How it ended: status, resolved_at, time to resolve, notes"),
});

/** `find_similar_incidents`: past incidents from the hub's mirror, ranked with their reasons. */
export function registerSimilarTool(server: McpServer, hub: HubState): void {
  server.registerTool(
    "find_similar_incidents",
    {
      title: "Find similar incidents",
      description:
        "Past incidents like an incident (or like some text and services), from the hub's mirror of " +
        "incident.io, ranked by a score in 0..1 with the reasons (shared services, shared terms, same " +
        "severity, how far apart in time) and how each was resolved. Use it to learn what fixed the same " +
        "problem before.",
      inputSchema: similarInput,
      outputSchema: outputSchema({
        results: z.array(SimilarView),
        considered: z.number().describe("Incidents scored before the threshold and limit"),
      }),
      annotations: HUB_READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const incident =
          args.incident === undefined
            ? undefined
            : await requireMirroredIncident(hub.directory, args.incident, accountScope(hub));
        const found = await hub.directory.findSimilar(
          {
            ...(incident ? { incident } : {}),
            text: args.text,
            services: args.services,
          },
          {
            ...(args.similarity_threshold !== undefined
              ? { similarityThreshold: args.similarity_threshold }
              : {}),
            timeRange: args.time_range,
            limit: args.limit,
            ...accountScope(hub),
          },
        );
        const results = found.results.map(similarIncidentJson);
        const subject = incident ? `${incident.reference}` : "the text";
        const text =
          results.length === 0
            ? `No past incident is similar enough to ${subject} (${found.considered} compared); lower similarity_threshold to see weaker matches.`
            : [
                `${results.length} incident(s) similar to ${subject}:`,
                ...results.flatMap((r) => [
                  `${r.reference}  ${r.name}  [score ${r.score.toFixed(2)}] ${r.reasons.join("; ")}`,
                  `    ${resolutionText(r, (seconds) => formatElapsed(seconds * 1000))}`,
                ]),
              ].join("\n");
        return { text, data: { results, considered: found.considered } };
      }),
  );
}
