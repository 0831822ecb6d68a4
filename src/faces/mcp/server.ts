import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { OpsSession } from "../../ops/index.js";
import { packageVersion } from "../../shared/version.js";
import { HUB_STATE_TOOLS, type HubState } from "./hub-state.js";
import { registerActionReadTools, registerActionWriteTools } from "./tools/actions.js";
import { registerCustomFieldReadTools, registerCustomFieldWriteTools } from "./tools/custom-fields.js";
import { registerEscalationReadTools } from "./tools/escalations-read.js";
import { registerFindingTools } from "./tools/findings.js";
import { registerFollowUpReadTools, registerFollowUpWriteTools } from "./tools/follow-ups.js";
import { registerHubStateTools } from "./tools/hub-state-tools.js";
import { registerIncidentExtraReadTools, registerIncidentExtraWriteTools } from "./tools/incident-extras.js";
import { registerIncidentReadTools } from "./tools/incidents-read.js";
import { registerIncidentWriteTools } from "./tools/incidents-write.js";
import { registerOnCallReadTools } from "./tools/oncall-read.js";
import { registerOnCallWriteTools } from "./tools/oncall-write.js";
import { registerPeopleReadTools, registerPeopleWriteTools } from "./tools/people.js";
import { registerSearchTools } from "./tools/search.js";
import { registerSettingsTools } from "./tools/settings.js";
import { registerUpdateReadTools, registerUpdateWriteTools } from "./tools/updates.js";
import { registerWorkflowTools } from "./tools/workflows.js";

const INSTRUCTIONS = [
  "Tools over one incident.io account.",
  "Incidents can be named by ID, reference (INC-123) or incident.io URL; severities, statuses and types by",
  "name or ID (list_severities, list_incident_statuses and list_incident_types show them); people by email or",
  "full name (list_users), incident roles and custom fields by name (list_incident_roles, list_custom_fields).",
  "Write tools are safe to retry: the same call never opens or posts twice.",
  "A failed call returns isError with error.code, error.hint (what to do) and error.retryable.",
].join(" ");

const WITHOUT_HUB = `${HUB_STATE_TOOLS.join(", ")} are not available: they read the hub's database, and none was found (start the hub with incidentkit up, or run incidentkit sync run).`;

const READ_ONLY_NOTE = "Read-only: this server offers no tool that changes anything.";

export interface McpServerOptions {
  /** The hub's state: the tools over its mirror and changes are offered too. */
  hub?: HubState | undefined;
  /** Offer read tools only (`incidentkit mcp --read-only`): an agent given this server can change nothing. */
  readOnly?: boolean | undefined;
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
  registerOnCallReadTools(server, session);
  registerEscalationReadTools(server, session);
  registerFollowUpReadTools(server, session);
  registerActionReadTools(server, session);
  registerSearchTools(server, session);
  registerPeopleReadTools(server, session);
  registerCustomFieldReadTools(server, session);
  registerIncidentExtraReadTools(server, session);
  registerWorkflowTools(server, session);
  if (readOnly) return server;
  registerIncidentWriteTools(server, session);
  registerUpdateWriteTools(server, session);
  registerFindingTools(server, session);
  registerOnCallWriteTools(server, session);
  registerFollowUpWriteTools(server, session);
  registerActionWriteTools(server, session);
  registerPeopleWriteTools(server, session);
  registerCustomFieldWriteTools(server, session);
  registerIncidentExtraWriteTools(server, session);
  return server;
}
