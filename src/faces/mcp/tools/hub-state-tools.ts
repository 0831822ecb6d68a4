import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { HubState } from "../hub-state.js";
import { registerChangesTool } from "./changes.js";
import { registerInvestigationTool } from "./investigation.js";
import { registerMttrTool } from "./mttr.js";
import { registerSimilarTool } from "./similar.js";

/** The tools over the hub's own state: similar incidents, recent changes, time to resolve, investigations. */
export function registerHubStateTools(server: McpServer, hub: HubState): void {
  registerSimilarTool(server, hub);
  registerChangesTool(server, hub);
  registerMttrTool(server, hub);
  registerInvestigationTool(server, hub);
}
