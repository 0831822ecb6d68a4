import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { OpsSession } from "../../../ops/index.js";
import { READ_ONLY } from "../annotations.js";
import { outputSchema, toolResult } from "../result.js";
import { SeverityView, StatusView, severityView, statusView, TypeView, typeView } from "../views.js";

/** The organisation's settings an agent needs to fill in other tools: severities, statuses, types. */
export function registerSettingsTools(server: McpServer, session: OpsSession): void {
  server.registerTool(
    "list_severities",
    {
      title: "List severities",
      description:
        "The organisation's incident severities, least severe first. Use a name or ID from here wherever a " +
        "severity is asked for (declare_incident, escalate_incident, list_incidents filters).",
      outputSchema: outputSchema({ severities: z.array(SeverityView) }),
      annotations: READ_ONLY,
    },
    () =>
      toolResult(async () => {
        const severities = (await session.lookups.severities()).map(severityView);
        const lines = severities.map((s) => `${s.name} (rank ${s.rank}, id ${s.id}): ${s.description}`);
        return { text: lines.join("\n") || "No severities are configured.", data: { severities } };
      }),
  );

  server.registerTool(
    "list_incident_statuses",
    {
      title: "List incident statuses",
      description:
        "The organisation's incident statuses in order, each with its category (triage, live, learning, " +
        "closed, …). Use a name or ID from here wherever a status is asked for.",
      outputSchema: outputSchema({ statuses: z.array(StatusView) }),
      annotations: READ_ONLY,
    },
    () =>
      toolResult(async () => {
        const statuses = (await session.lookups.statuses()).map(statusView);
        const lines = statuses.map((s) => `${s.name} [${s.category}] (id ${s.id}): ${s.description}`);
        return { text: lines.join("\n") || "No statuses are configured.", data: { statuses } };
      }),
  );

  server.registerTool(
    "list_incident_types",
    {
      title: "List incident types",
      description:
        "The organisation's incident types. Use a name or ID from here for declare_incident's `type` or the " +
        "`type` filter of list_incidents. Types marked private-only must be declared with visibility private.",
      outputSchema: outputSchema({ incident_types: z.array(TypeView) }),
      annotations: READ_ONLY,
    },
    () =>
      toolResult(async () => {
        const types = (await session.lookups.incidentTypes()).map(typeView);
        const lines = types.map((t) => {
          const notes = [t.is_default ? "default" : "", t.private_incidents_only ? "private only" : ""];
          const flags = notes.filter(Boolean).join(", ");
          return `${t.name}${flags ? ` [${flags}]` : ""} (id ${t.id}): ${t.description}`;
        });
        return {
          text: lines.join("\n") || "No incident types are configured.",
          data: { incident_types: types },
        };
      }),
  );
}
