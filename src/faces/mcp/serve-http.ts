import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { OpsSession } from "../../ops/index.js";
import { bearerToken, tokensEqual, UNAUTHORIZED_HEADERS } from "../../shared/bearer.js";
import { isLoopbackHost } from "../../shared/loopback.js";
import { mcpHttpHandler } from "./http.js";
import type { McpServerOptions } from "./server.js";

export const MCP_PATH = "/mcp";

export interface HttpServing {
  host: string;
  port: number;
  /** The bearer token every request must carry; required when `host` is not loopback. */
  token?: string;
  /** Names clients may address the server by (`Host`, `Origin`), besides the address it listens on. */
  allowedHosts?: readonly string[];
}

/**
 * Serves the tools over Streamable HTTP at `http://host:port/mcp` until the process ends; resolves to that URL
 * and the `Host` values it answers.
 * Only requests addressed to the listening address, a name in `allowedHosts`, or (listening on loopback)
 * localhost are answered, and a browser's `Origin` must be one of those too, so a web page cannot reach the server
 * through DNS rebinding. With a token, every request must carry it; beyond loopback one is required.
 */
export function serveHttp(
  session: OpsSession,
  options: HttpServing & McpServerOptions,
): Promise<{ url: string; hosts: string[] }> {
  const { host, port, token, allowedHosts = [], ...serverOptions } = options;
  if (!isLoopbackHost(host) && token === undefined) {
    return Promise.reject(
      new Error(
        `listening on ${host} lets anyone who can reach it act with your incident.io key: set INCIDENTKIT_MCP_TOKEN to a token of at least 16 characters (openssl rand -hex 24), or listen on 127.0.0.1`,
      ),
    );
  }
  const handler = mcpHttpHandler(() => session, serverOptions);
  return new Promise((resolve, reject) => {
    let allowed = new Set<string>();
    const server = serve(
      {
        hostname: host,
        port,
        fetch: (request) => {
          const url = new URL(request.url);
          if (!allowed.has((request.headers.get("host") ?? "").toLowerCase())) {
            return new Response("Forbidden: unexpected Host header", { status: 403 });
          }
          const origin = request.headers.get("origin");
          if (origin !== null && !allowed.has(originHost(origin))) {
            return new Response("Forbidden: requests from this origin are not accepted", { status: 403 });
          }
          if (token !== undefined) {
            const given = bearerToken(request.headers.get("authorization") ?? undefined);
            if (given === undefined || !tokensEqual(given, token)) {
              return new Response("Unauthorized: send Authorization: Bearer <INCIDENTKIT_MCP_TOKEN>", {
                status: 401,
                headers: UNAUTHORIZED_HEADERS,
              });
            }
          }
          if (url.pathname !== MCP_PATH)
            return new Response("Not found: the MCP endpoint is /mcp", { status: 404 });
          return handler(request);
        },
      },
      (info: AddressInfo) => {
        const shown = info.family === "IPv6" ? `[${info.address}]` : info.address;
        const names = [shown, ...allowedHosts, ...(isLoopbackHost(host) ? ["localhost"] : [])];
        // A name given with its port (a proxy's `mcp.example.com:443`) keeps it; others take the listening port.
        allowed = new Set(
          names.map((name) => (/:\d+$/.test(name) ? name : `${name}:${info.port}`).toLowerCase()),
        );
        resolve({ url: `http://${shown}:${info.port}${MCP_PATH}`, hosts: [...allowed] });
      },
    );
    server.once("error", reject);
  });
}

/** An `Origin`'s host and port as `Host` would carry them; "" for one that is not a URL (`null`). */
function originHost(origin: string): string {
  try {
    const url = new URL(origin);
    return (url.port ? url.host : `${url.hostname}:${url.protocol === "https:" ? 443 : 80}`).toLowerCase();
  } catch {
    return "";
  }
}
