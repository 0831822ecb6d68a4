import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { appendFinding, type Finding, type OpsSession } from "../../../ops/index.js";
import { SAFE_WRITE } from "../annotations.js";
import { incidentRef, notify } from "../inputs.js";
import { incidentDetails } from "../render.js";
import { outputSchema, toolResult } from "../result.js";
import { IncidentView, incidentView } from "../views.js";

/** Writing an investigation's findings back to the incident. */
export function registerFindingTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "append_finding",
    {
      title: "Append a finding to an incident",
      description:
        "Adds a timestamped Markdown block (root cause, evidence, next steps) to the end of an incident's " +
        "summary, keeping what is there. Skips it when the same finding is already in the summary, so retrying " +
        "is safe. Use it once the investigation has something worth publishing.",
      inputSchema: {
        incident: incidentRef,
        body: z.string().min(1).describe("The finding in Markdown."),
        title: z.string().min(1).optional().describe('A heading for the block, e.g. "Root cause".'),
        source: z
          .string()
          .min(1)
          .optional()
          .describe('Who or what found it, e.g. "OpenSRE investigation"; shown in the block.'),
        notify,
      },
      outputSchema: outputSchema({
        incident: IncidentView,
        appended: z.boolean().describe("false when the same finding was already in the summary"),
        attempts: z
          .number()
          .describe("Edit attempts it took (the summary is re-read if it changed meanwhile)"),
      }),
      annotations: SAFE_WRITE,
    },
    (args) =>
      toolResult(async () => {
        const finding: Finding = { body: args.body };
        if (args.title !== undefined) finding.title = args.title;
        if (args.source !== undefined) finding.source = args.source;
        if (args.notify !== undefined) finding.notify = args.notify;
        const result = await appendFinding(session, args.incident, finding);
        const incident = incidentView(result.incident);
        const outcome = result.appended
          ? `Appended the finding to ${incident.reference}'s summary.`
          : `${incident.reference}'s summary already holds this finding; nothing changed.`;
        return {
          text: `${outcome}\n${incidentDetails(incident)}`,
          data: { incident, appended: result.appended, attempts: result.attempts },
        };
      }),
  );
}
