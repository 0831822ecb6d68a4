import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { OpsSession } from "../../ops/index.js";
import { requireBearer, UNAUTHORIZED_HEADERS } from "../../shared/bearer.js";
import { tokensEqual } from "../../shared/bearer-token.js";
import { isLoopbackHost } from "../../shared/loopback.js";
import { mcpHttpHandler } from "./http.js";
import type { McpServerOptions } from "./server.js";

export const MCP_PATH = "/mcp";

export interface HttpServing {
  host: string;
  port: number;
  /** The bearer token every request must carry; required when `host` is not loopback. */
  token?: string | undefined;
  /** Names clients may address the server by (`Host`, `Origin`), besides the address it listens on. */
  allowedHosts?: readonly string[] | undefined;
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
  // Set once the server listens: the names it answers to, with their port.
  let allowed = new Set<string>();
  const app = new Hono();
  app.use(async (c, next) => {
    if (!allowed.has((c.req.header("host") ?? "").toLowerCase())) {
      return c.text("Forbidden: unexpected Host header", 403);
    }
    const origin = c.req.header("origin");
    if (origin !== undefined && !allowed.has(originHost(origin))) {
      return c.text("Forbidden: requests from this origin are not accepted", 403);
    }
    await next();
  });
  if (token !== undefined) {
    app.use(
      requireBearer({
        accepts: (given) => tokensEqual(given, token),
        refuse: (c) =>
          c.text(
            "Unauthorized: send Authorization: Bearer <INCIDENTKIT_MCP_TOKEN>",
            401,
            UNAUTHORIZED_HEADERS,
          ),
      }),
    );
  }
  app.all(MCP_PATH, (c) => handler(c.req.raw));
  app.notFound((c) => c.text("Not found: the MCP endpoint is /mcp", 404));
  return new Promise((resolve, reject) => {
    const server = serve({ hostname: host, port, fetch: app.fetch }, (info: AddressInfo) => {
      const shown = info.family === "IPv6" ? `[${info.address}]` : info.address;
      const names = [shown, ...allowedHosts, ...(isLoopbackHost(host) ? ["localhost"] : [])];
      // A name given with its port (a proxy's `mcp.example.com:443`) keeps it; others take the listening port.
      allowed = new Set(
        names.map((name) => (/:\d+$/.test(name) ? name : `${name}:${info.port}`).toLowerCase()),
      );
      resolve({ url: `http://${shown}:${info.port}${MCP_PATH}`, hosts: [...allowed] });
    });
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
