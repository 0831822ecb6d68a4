import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { OpsSession } from "../../ops/index.js";
import { toolError } from "./errors.js";
import { createMcpServer, type McpServerOptions } from "./server.js";

export type McpSessionFactory = (request: Request) => OpsSession | Promise<OpsSession>;

/** A JSON-RPC error answer for failures before any MCP message is handled. */
function jsonRpcError(status: number, message: string): Response {
  return Response.json({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }, { status });
}

/**
 * A fetch-style handler serving the tools over Streamable HTTP, stateless: every POST gets a fresh server over
 * the session the factory returns (return the same session to keep lookups cached) and a JSON answer; `options`
 * as `createMcpServer` takes them. GET (a standing event stream) and DELETE (ending a session) have nothing to do
 * without sessions: 405.
 */
export function mcpHttpHandler(
  sessionFactory: McpSessionFactory,
  options: McpServerOptions = {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== "POST") {
      const response = jsonRpcError(405, "Method not allowed: this MCP endpoint is stateless; use POST");
      response.headers.set("Allow", "POST");
      return response;
    }
    let session: OpsSession;
    try {
      session = await sessionFactory(request);
    } catch (error) {
      const problem = toolError(error);
      return jsonRpcError(503, `${problem.message} (${problem.hint})`);
    }
    const server = createMcpServer(session, options);
    // No session ID generator: stateless, a fresh transport per request.
    const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
    await server.connect(transport);
    try {
      return await transport.handleRequest(request);
    } finally {
      await server.close();
    }
  };
}
