import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { OpsSession } from "../../ops/index.js";
import { mcpHttpHandler } from "./http.js";
import type { McpServerOptions } from "./server.js";

export const MCP_PATH = "/mcp";

/**
 * Serves the tools over Streamable HTTP at `http://host:port/mcp` until the process ends; resolves to that URL.
 * Only requests whose Host header names the address it listens on (or localhost) are answered, so a web page
 * cannot reach a loopback server through DNS rebinding.
 */
export function serveHttp(
  session: OpsSession,
  options: { host: string; port: number } & McpServerOptions,
): Promise<string> {
  const { host, port, ...serverOptions } = options;
  const handler = mcpHttpHandler(() => session, serverOptions);
  return new Promise((resolve, reject) => {
    let allowed = new Set<string>();
    const server = serve(
      {
        hostname: host,
        port,
        fetch: (request) => {
          const url = new URL(request.url);
          if (!allowed.has(request.headers.get("host") ?? "")) {
            return new Response("Forbidden: unexpected Host header", { status: 403 });
          }
          if (url.pathname !== MCP_PATH)
            return new Response("Not found: the MCP endpoint is /mcp", { status: 404 });
          return handler(request);
        },
      },
      (info: AddressInfo) => {
        const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
        allowed = new Set([`${host}:${info.port}`, `localhost:${info.port}`]);
        resolve(`http://${host}:${info.port}${MCP_PATH}`);
      },
    );
    server.once("error", reject);
  });
}
