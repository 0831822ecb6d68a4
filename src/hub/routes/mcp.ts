import { Hono } from "hono";
import { mcpHttpHandler } from "../../faces/mcp/http.js";
import type { HubState } from "../../faces/mcp/hub-state.js";
import type { OpsSession } from "../../ops/index.js";
import { requireBearer, UNAUTHORIZED_HEADERS } from "../../shared/bearer.js";
import { tokensEqual } from "../../shared/bearer-token.js";

/**
 * `POST /mcp`: the MCP tools over Streamable HTTP, acting with the hub's incident.io account. The tools can
 * declare and close incidents, so only the admin token may use them; with no admin token configured the route
 * is closed and says how to open it. With `hub`, the tools over the hub's mirror and changes are served too.
 */
export function mcpRoutes(session: OpsSession, adminToken: string | undefined, hub?: HubState): Hono {
  const app = new Hono();
  const handler = mcpHttpHandler(() => session, { hub });
  if (adminToken === undefined) {
    app.all("/", (c) =>
      c.json(
        {
          error:
            "the hub's MCP endpoint needs an admin token: set HUB_ADMIN_TOKEN (or admin_token_env) and restart",
        },
        403,
      ),
    );
    return app;
  }
  app.all(
    "/",
    requireBearer({
      accepts: (token) => tokensEqual(token, adminToken),
      refuse: (c) => c.json({ error: "the hub's admin token is required" }, 401, UNAUTHORIZED_HEADERS),
    }),
    (c) => handler(c.req.raw),
  );
  return app;
}
