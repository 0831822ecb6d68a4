import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { OpsSession } from "../../ops/index.js";
import { packageVersion } from "../../shared/version.js";
import { HUB_STATE_TOOLS, type HubState } from "./hub-state.js";
import { registerFindingTools } from "./tools/findings.js";
import { registerHubStateTools } from "./tools/hub-state-tools.js";
import { registerIncidentReadTools } from "./tools/incidents-read.js";
import { registerIncidentWriteTools } from "./tools/incidents-write.js";
import { registerSettingsTools } from "./tools/settings.js";
import { registerUpdateReadTools, registerUpdateWriteTools } from "./tools/updates.js";

const INSTRUCTIONS = [
  "Tools over one incident.io account.",
  "Incidents can be named by ID, reference (INC-123) or incident.io URL; severities, statuses and types by",
  "name or ID (list_severities, list_incident_statuses and list_incident_types show them).",
  "Write tools are safe to retry: the same call never opens or posts twice.",
  "A failed call returns isError with error.code, error.hint (what to do) and error.retryable.",
].join(" ");

const WITHOUT_HUB = `${HUB_STATE_TOOLS.join(", ")} are not available: they read the hub's database, and none was found (start the hub with incidentkit up, or run incidentkit sync run).`;

const READ_ONLY_NOTE = "Read-only: this server offers no tool that changes anything.";

export interface McpServerOptions {
  /** The hub's state: the tools over its mirror and changes are offered too. */
  hub?: HubState;
  /** Offer read tools only (`incidentkit mcp --read-only`): an agent given this server can change nothing. */
  readOnly?: boolean;
}

/** An MCP server exposing incidentkit's operations on `session` as tools. */
export function createMcpServer(session: OpsSession, options: McpServerOptions = {}): McpServer {
  const { hub, readOnly = false } = options;
  const instructions = [INSTRUCTIONS, ...(hub ? [] : [WITHOUT_HUB]), ...(readOnly ? [READ_ONLY_NOTE] : [])];
  const server = new McpServer(
    { name: "incidentkit", version: packageVersion() },
    { instructions: instructions.join(" ") },
  );
  if (hub) registerHubStateTools(server, { ...hub, account: hub.account ?? session.alias });
  registerIncidentReadTools(server, session);
  registerUpdateReadTools(server, session);
  registerSettingsTools(server, session);
  if (readOnly) return server;
  registerIncidentWriteTools(server, session);
  registerUpdateWriteTools(server, session);
  registerFindingTools(server, session);
  return server;
}
