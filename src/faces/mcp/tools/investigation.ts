import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { requireMirroredIncident } from "../../../app/mirrored-incident.js";
import { latestInvestigation } from "../../../investigate/investigation/index.js";
import { findingsMarkdown } from "../../../investigate/investigation/markdown.js";
import { accountScope, HUB_READ_ONLY, type HubState } from "../hub-state.js";
import { incidentRef } from "../inputs.js";
import { outputSchema, toolResult } from "../result.js";

const Evidence = z.looseObject({ text: z.string(), link: z.string().nullable().optional() });

/** `get_investigation`: the latest findings report the hub stored for an incident, with its publish state. */
export function registerInvestigationTool(server: McpServer, hub: HubState): void {
  server.registerTool(
    "get_investigation",
    {
      title: "Get an incident's investigation",
      description:
        "The latest investigation the hub stored for an incident (run automatically when it was declared, or " +
        "by `incidentkit investigate`): a summary, probable causes each with its evidence and confidence, " +
        "similar past incidents with how they were resolved and the follow-ups they left, changes before it, " +
        "suggested next steps, and " +
        "whether the findings reached the incident's summary and Slack. Reads the hub's database only.",
      inputSchema: { incident: incidentRef },
      outputSchema: outputSchema({
        investigation: z
          .looseObject({
            id: z.string(),
            trigger: z.string().describe("auto (on the incident-created webhook), cli or api"),
            created_at: z.string(),
            report: z
              .looseObject({
                summary: z.string(),
                probableCauses: z.array(
                  z.looseObject({ title: z.string(), confidence: z.string(), evidence: z.array(Evidence) }),
                ),
                suggestedNextSteps: z.array(z.string()),
              })
              .nullable()
              .describe("null while the run has not finished, or when it failed (see errors)"),
            published: z.object({
              summary_appended_at: z.string().nullable(),
              slack_posted_at: z.string().nullable(),
            }),
            errors: z.array(z.looseObject({ at: z.string(), stage: z.string(), message: z.string() })),
          })
          .nullable()
          .describe("null when the incident was never investigated"),
      }),
      annotations: HUB_READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const incident = await requireMirroredIncident(hub.directory, args.incident, accountScope(hub));
        const stored = await latestInvestigation(hub.store.db, incident.id);
        if (!stored) {
          return {
            text: `${incident.reference} has not been investigated yet (run incidentkit investigate ${incident.reference}).`,
            data: { investigation: null },
          };
        }
        const investigation = {
          id: stored.id,
          trigger: stored.trigger,
          created_at: stored.createdAt,
          report: stored.report,
          published: {
            summary_appended_at: stored.published.summaryAppendedAt,
            slack_posted_at: stored.published.slackPostedAt,
          },
          errors: stored.errors,
        };
        const failures = stored.errors.map(
          (error) => `${error.stage} failed at ${error.at}: ${error.message}`,
        );
        const text = stored.report
          ? [
              `Investigation of ${incident.reference} (${stored.trigger}, ${stored.completedAt ?? stored.createdAt}):`,
              findingsMarkdown(stored.report),
              ...failures,
            ].join("\n\n")
          : [`The investigation of ${incident.reference} has no report yet.`, ...failures].join("\n");
        return { text, data: { investigation } };
      }),
  );
}
