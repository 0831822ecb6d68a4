/** The MCP face: incidentkit's operations as tools for AI agents, over stdio or Streamable HTTP. */
export { errorResult, ToolError, toolError } from "./errors.js";
export { type McpSessionFactory, mcpHttpHandler } from "./http.js";
export type { HubState } from "./hub-state.js";
export { MCP_PATH, serveHttp } from "./serve-http.js";
export { createMcpServer } from "./server.js";
export { serveStdio } from "./stdio.js";
