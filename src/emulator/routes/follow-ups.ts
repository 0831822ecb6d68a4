import type { Hono } from "hono";
import { type AppEnv, type Deps, parseBody, requireScope } from "../context.js";
import { notFound } from "../errors.js";
import {
  connectExternalIssue,
  connectIssuePayload,
  createFollowUp,
  createFollowUpPayload,
  deleteFollowUp,
  updateFollowUp,
  updateFollowUpPayload,
} from "../follow-up-writes.js";
import { renderFollowUp } from "../render-work-items.js";
import { addressable, listed, parseWorkItemQuery, workItemsFor } from "../work-items.js";
import { writeContext } from "./incidents.js";

/** Follow-ups V2: list (per incident, by mode, by assignee team), show, create, update, delete, connect an issue. */
export function followUpRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { state } = deps;

  app.get("/v2/follow_ups", (c) => {
    requireScope(c, "actions.view");
    const params = new URL(c.req.url).searchParams;
    const query = parseWorkItemQuery(params);
    const teamId = params.get("assignee_team_id") || undefined;
    const followUps = listed(state, c.var.apiKey, workItemsFor(state, "follow_ups", query), query).filter(
      (f) => teamId === undefined || f.assignee_team_id === teamId,
    );
    return c.json({ follow_ups: followUps.map((f) => renderFollowUp(state, f)) });
  });

  app.get("/v2/follow_ups/:id", (c) => {
    requireScope(c, "actions.view");
    const followUp = found(c.req.param("id"), c.var.apiKey);
    return c.json({ follow_up: renderFollowUp(state, followUp) });
  });

  app.post("/v2/follow_ups", async (c) => {
    requireScope(c, "follow_ups.create");
    const input = await parseBody(c, createFollowUpPayload);
    const followUp = createFollowUp(writeContext(c, deps), input);
    return c.json({ follow_up: renderFollowUp(state, followUp) }, 201);
  });

  app.put("/v2/follow_ups/:id", async (c) => {
    requireScope(c, "follow_ups.update");
    const existing = found(c.req.param("id"), c.var.apiKey);
    const input = await parseBody(c, updateFollowUpPayload);
    const followUp = updateFollowUp(writeContext(c, deps), existing, input);
    return c.json({ follow_up: renderFollowUp(state, followUp) });
  });

  app.delete("/v2/follow_ups/:id", (c) => {
    requireScope(c, "follow_ups.destroy");
    deleteFollowUp(writeContext(c, deps), found(c.req.param("id"), c.var.apiKey));
    return c.body(null, 204);
  });

  app.post("/v2/follow_ups/:id/actions/connect_external_issue", async (c) => {
    requireScope(c, "follow_ups.connect_external_issue");
    const existing = found(c.req.param("id"), c.var.apiKey);
    const input = await parseBody(c, connectIssuePayload);
    const followUp = connectExternalIssue(writeContext(c, deps), existing, input);
    return c.json({ follow_up: renderFollowUp(state, followUp) });
  });

  function found(id: string, apiKey: AppEnv["Variables"]["apiKey"]) {
    const followUp = addressable(state, apiKey, state.get("follow_ups", id));
    if (!followUp) throw notFound("follow-up", id);
    return followUp;
  }
}
