import type { Hono } from "hono";
import { type AppEnv, type Deps, requireScope } from "../context.js";
import { notFound, validationError } from "../errors.js";
import { pageAfter, parsePageSize } from "../pagination.js";
import { renderCustomField, renderIncidentType, renderOption, renderRole } from "../render.js";

/** Read-only configuration: incident types, custom fields and their options, incident roles and timestamps. */
export function configurationRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { state } = deps;

  app.get("/v1/incident_types", (c) => {
    requireScope(c, "incident_types.view");
    return c.json({ incident_types: state.list("incident_types").map(renderIncidentType) });
  });

  app.get("/v1/incident_types/:id", (c) => {
    requireScope(c, "incident_types.view");
    const type = state.get("incident_types", c.req.param("id"));
    if (!type) throw notFound("incident type", c.req.param("id"));
    return c.json({ incident_type: renderIncidentType(type) });
  });

  app.get("/v2/custom_fields", (c) => {
    requireScope(c, "custom_fields.view");
    return c.json({ custom_fields: state.list("custom_fields").map(renderCustomField) });
  });

  app.get("/v2/custom_fields/:id", (c) => {
    requireScope(c, "custom_fields.view");
    const field = state.get("custom_fields", c.req.param("id"));
    if (!field) throw notFound("custom field", c.req.param("id"));
    return c.json({ custom_field: renderCustomField(field) });
  });

  app.get("/v1/custom_field_options", (c) => {
    requireScope(c, "custom_fields.view");
    const fieldId = c.req.query("custom_field_id");
    if (fieldId === undefined || fieldId === "") {
      throw validationError("custom_field_id", "custom_field_id is required.", "is_required");
    }
    const pageSize = parsePageSize(c.req.query("page_size") ?? null, 250);
    if (!state.get("custom_fields", fieldId)) throw notFound("custom field", fieldId);
    const options = state
      .list("custom_field_options")
      .filter((option) => option.custom_field_id === fieldId)
      .sort((a, b) => a.sort_key - b.sort_key || (a.id < b.id ? -1 : 1));
    const { page, after } = pageAfter(options, c.req.query("after") ?? null, pageSize);
    return c.json({
      custom_field_options: page.map(renderOption),
      pagination_meta: { ...(after ? { after } : {}), page_size: pageSize },
    });
  });

  app.get("/v1/custom_field_options/:id", (c) => {
    requireScope(c, "custom_fields.view");
    const option = state.get("custom_field_options", c.req.param("id"));
    if (!option) throw notFound("custom field option", c.req.param("id"));
    return c.json({ custom_field_option: renderOption(option) });
  });

  app.get("/v2/incident_roles", (c) => {
    requireScope(c, "incident_roles.view");
    return c.json({ incident_roles: state.list("incident_roles").map(renderRole) });
  });

  app.get("/v2/incident_roles/:id", (c) => {
    requireScope(c, "incident_roles.view");
    const role = state.get("incident_roles", c.req.param("id"));
    if (!role) throw notFound("incident role", c.req.param("id"));
    return c.json({ incident_role: renderRole(role) });
  });

  // The description lists no scope for incident timestamps: any valid key may read them.
  app.get("/v2/incident_timestamps", (c) =>
    c.json({
      incident_timestamps: state
        .list("incident_timestamps")
        .sort((a, b) => a.rank - b.rank)
        .map(({ id, name, rank }) => ({ id, name, rank })),
    }),
  );

  app.get("/v2/incident_timestamps/:id", (c) => {
    const timestamp = state.get("incident_timestamps", c.req.param("id"));
    if (!timestamp) throw notFound("incident timestamp", c.req.param("id"));
    return c.json({ incident_timestamp: { id: timestamp.id, name: timestamp.name, rank: timestamp.rank } });
  });
}
