import type { Hono } from "hono";
import {
  createAction,
  createActionPayload,
  deleteAction,
  updateAction,
  updateActionPayload,
} from "../action-writes.js";
import { type AppEnv, type Deps, parseBody, requireScope } from "../context.js";
import { notFound } from "../errors.js";
import { renderAction } from "../render-work-items.js";
import { addressable, listed, parseWorkItemQuery, workItemsFor } from "../work-items.js";
import { writeContext } from "./incidents.js";

/** Actions V2: the to-dos of a response — list (per incident, by mode), show, create, update, delete. */
export function actionRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { state } = deps;

  app.get("/v2/actions", (c) => {
    requireScope(c, "actions.view");
    const query = parseWorkItemQuery(new URL(c.req.url).searchParams);
    const actions = listed(state, c.var.apiKey, workItemsFor(state, "actions", query), query);
    return c.json({ actions: actions.map((a) => renderAction(state, a)) });
  });

  app.get("/v2/actions/:id", (c) => {
    requireScope(c, "actions.view");
    return c.json({ action: renderAction(state, found(c.req.param("id"), c.var.apiKey)) });
  });

  app.post("/v2/actions", async (c) => {
    requireScope(c, "actions.create");
    const input = await parseBody(c, createActionPayload);
    const action = createAction(writeContext(c, deps), input);
    return c.json({ action: renderAction(state, action) }, 201);
  });

  app.put("/v2/actions/:id", async (c) => {
    requireScope(c, "actions.update");
    const existing = found(c.req.param("id"), c.var.apiKey);
    const input = await parseBody(c, updateActionPayload);
    return c.json({ action: renderAction(state, updateAction(writeContext(c, deps), existing, input)) });
  });

  app.delete("/v2/actions/:id", (c) => {
    requireScope(c, "actions.destroy");
    deleteAction(writeContext(c, deps), found(c.req.param("id"), c.var.apiKey));
    return c.body(null, 204);
  });

  function found(id: string, apiKey: AppEnv["Variables"]["apiKey"]) {
    const action = addressable(state, apiKey, state.get("actions", id));
    if (!action) throw notFound("action", id);
    return action;
  }
}
