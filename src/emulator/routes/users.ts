import type { Hono } from "hono";
import { type AppEnv, type Deps, requireScope } from "../context.js";
import { notFound, validationError } from "../errors.js";
import { pageAfter, parsePageSize } from "../pagination.js";
import { renderUserWithRoles } from "../render.js";

/** Users V2 and the identity of the calling key. */
export function userRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { state } = deps;

  app.get("/v1/identity", (c) => {
    const key = c.var.apiKey;
    return c.json({
      identity: {
        name: key.name,
        roles: key.roles,
        team_roles: [],
        teams: [],
        dashboard_url: `https://app.incident.io/${state.organisation.slug}`,
      },
    });
  });

  app.get("/v2/users", (c) => {
    requireScope(c, "users.view");
    const pageSize = parsePageSize(c.req.query("page_size") ?? null, 10_000);
    const email = c.req.query("email")?.toLowerCase();
    const slackUserId = c.req.query("slack_user_id");
    const includeInactive = c.req.query("include_inactive") ?? "false";
    if (includeInactive !== "true" && includeInactive !== "false") {
      throw validationError("include_inactive", "include_inactive must be true or false.");
    }
    const users = state
      .list("users")
      .filter((user) => includeInactive === "true" || user.is_active)
      .filter((user) => email === undefined || user.email.toLowerCase() === email)
      .filter((user) => slackUserId === undefined || user.slack_user_id === slackUserId);
    const { page, after } = pageAfter(users, c.req.query("after") ?? null, pageSize);
    return c.json({
      users: page.map(renderUserWithRoles),
      pagination_meta: { ...(after ? { after } : {}), page_size: pageSize },
    });
  });

  app.get("/v2/users/:id", (c) => {
    requireScope(c, "users.view");
    const user = state.get("users", c.req.param("id"));
    if (!user) throw notFound("user", c.req.param("id"));
    return c.json({ user: renderUserWithRoles(user) });
  });
}
