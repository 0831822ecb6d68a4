import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { OpsSession } from "../../ops/index.js";
import { packageVersion } from "../../version.js";
import { registerFindingTools } from "./tools/findings.js";
import { registerIncidentReadTools } from "./tools/incidents-read.js";
import { registerIncidentWriteTools } from "./tools/incidents-write.js";
import { registerSettingsTools } from "./tools/settings.js";
import { registerUpdateTools } from "./tools/updates.js";

const INSTRUCTIONS = [
  "Tools over one incident.io account.",
  "Incidents can be named by ID, reference (INC-123) or incident.io URL; severities, statuses and types by",
  "name or ID (list_severities, list_incident_statuses and list_incident_types show them).",
  "Write tools are safe to retry: the same call never opens or posts twice.",
  "A failed call returns isError with error.code, error.hint (what to do) and error.retryable.",
].join(" ");

/** An MCP server exposing incidentkit's operations on `session` as tools. */
export function createMcpServer(session: OpsSession): McpServer {
  const server = new McpServer(
    { name: "incidentkit", version: packageVersion() },
    { instructions: INSTRUCTIONS },
  );
  registerIncidentReadTools(server, session);
  registerUpdateTools(server, session);
  registerSettingsTools(server, session);
  registerIncidentWriteTools(server, session);
  registerFindingTools(server, session);
  return server;
}
