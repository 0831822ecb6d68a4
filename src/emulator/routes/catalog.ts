import type { Hono } from "hono";
import {
  bulkUpdateCatalogEntries,
  bulkUpdatePayload,
  createCatalogEntry,
  createEntryPayload,
  deleteCatalogEntry,
  EntryRenderer,
  updateCatalogEntry,
  updateEntryPayload,
} from "../catalog-entries.js";
import { catalogResources } from "../catalog-resources.js";
import { updateCatalogSchema, updateSchemaPayload } from "../catalog-schema.js";
import { entryIsNamed, liveEntries, liveTypes, requireEntry, requireType } from "../catalog-store.js";
import {
  createCatalogType,
  createTypePayload,
  deleteCatalogType,
  renderCatalogType,
  updateCatalogType,
  updateTypePayload,
} from "../catalog-types.js";
import type { LinkDepth } from "../catalog-values.js";
import { type AppEnv, type Deps, parseBody, requireScope } from "../context.js";
import { validationError } from "../errors.js";
import { pageAfter, parsePageSize } from "../pagination.js";

/** Catalog V3: types (with their schema), entries and the resources attributes can hold. */
export function catalogRoutes(app: Hono<AppEnv>, deps: Deps): void {
  const { state, clock } = deps;

  app.get("/v3/catalog_types", (c) => {
    requireScope(c, "catalog_types.view");
    return c.json({ catalog_types: liveTypes(state).map((type) => renderCatalogType(state, type)) });
  });

  app.post("/v3/catalog_types", async (c) => {
    requireScope(c, "catalog_types.create");
    const input = await parseBody(c, createTypePayload);
    const type = createCatalogType(state, clock.now(), input);
    return c.json({ catalog_type: renderCatalogType(state, type) }, 201);
  });

  app.get("/v3/catalog_types/:id", (c) => {
    requireScope(c, "catalog_types.view");
    return c.json({ catalog_type: renderCatalogType(state, requireType(state, c.req.param("id"))) });
  });

  app.put("/v3/catalog_types/:id", async (c) => {
    requireScope(c, "catalog_types.edit");
    const current = requireType(state, c.req.param("id"));
    const input = await parseBody(c, updateTypePayload);
    const type = updateCatalogType(state, clock.now(), current, input);
    return c.json({ catalog_type: renderCatalogType(state, type) });
  });

  app.delete("/v3/catalog_types/:id", (c) => {
    requireScope(c, "catalog_types.destroy");
    deleteCatalogType(state, clock.now(), requireType(state, c.req.param("id")));
    return c.body(null, 204);
  });

  app.post("/v3/catalog_types/:id/actions/update_schema", async (c) => {
    requireScope(c, "catalog_types.edit");
    const current = requireType(state, c.req.param("id"));
    const input = await parseBody(c, updateSchemaPayload);
    const type = updateCatalogSchema(state, clock.now(), current, input);
    return c.json({ catalog_type: renderCatalogType(state, type) });
  });

  app.get("/v3/catalog_resources", (c) => {
    requireScope(c, "catalog_types.view");
    return c.json({ resources: catalogResources(state) });
  });

  app.get("/v3/catalog_entries", (c) => {
    requireScope(c, "catalog_entries.view");
    const params = new URL(c.req.url).searchParams;
    const typeId = params.get("catalog_type_id");
    if (!typeId) {
      throw validationError(
        "catalog_type_id",
        "catalog_type_id is required: the type whose entries to list.",
        "is_required",
      );
    }
    const rawPageSize = params.get("page_size");
    if (rawPageSize === null) {
      throw validationError(
        "page_size",
        "page_size is required: a whole number from 1 to 250.",
        "is_required",
      );
    }
    const pageSize = parsePageSize(rawPageSize, 250);
    const type = requireType(state, typeId);
    const identifier = params.get("identifier");
    const byName = type.use_name_as_identifier ?? false;
    const matching = liveEntries(state, type).filter(
      (entry) => !identifier || entryIsNamed(entry, identifier, byName),
    );
    const { page, after } = pageAfter(matching, params.get("after"), pageSize);
    const renderer = new EntryRenderer(state);
    return c.json({
      catalog_entries: page.map((entry) => renderer.render(type, entry)),
      catalog_type: renderCatalogType(state, type),
      pagination_meta: {
        ...(after ? { after } : {}),
        page_size: pageSize,
        total_record_count: matching.length,
      },
    });
  });

  app.post("/v3/catalog_entries", async (c) => {
    requireScope(c, "catalog_entries.create");
    const input = await parseBody(c, createEntryPayload);
    const { entry, type } = createCatalogEntry(state, clock.now(), input);
    return c.json({ catalog_entry: new EntryRenderer(state).render(type, entry) }, 201);
  });

  app.post("/v3/catalog_entries/actions/bulk_update", async (c) => {
    requireScope(c, "catalog_entries.edit");
    const input = await parseBody(c, bulkUpdatePayload);
    bulkUpdateCatalogEntries(state, clock.now(), input);
    return c.body(null, 204);
  });

  app.get("/v3/catalog_entries/:id", (c) => {
    requireScope(c, "catalog_entries.view");
    const entry = requireEntry(state, c.req.param("id"));
    const type = requireType(state, entry.catalog_type_id);
    const depth = linkDepth(new URL(c.req.url).searchParams.get("expand"));
    return c.json({
      catalog_entry: new EntryRenderer(state).render(type, entry, depth),
      catalog_type: renderCatalogType(state, type),
    });
  });

  app.put("/v3/catalog_entries/:id", async (c) => {
    requireScope(c, "catalog_entries.edit");
    const current = requireEntry(state, c.req.param("id"));
    const input = await parseBody(c, updateEntryPayload);
    const { entry, type } = updateCatalogEntry(state, clock.now(), current, input);
    return c.json({
      catalog_entry: new EntryRenderer(state).render(type, entry),
      catalog_type: renderCatalogType(state, type),
    });
  });

  app.delete("/v3/catalog_entries/:id", (c) => {
    requireScope(c, "catalog_entries.destroy");
    deleteCatalogEntry(state, clock.now(), requireEntry(state, c.req.param("id")));
    return c.body(null, 204);
  });
}

/** `expand`: absent shows forward links, `false` only the entry's own values, `true` backlinks too. */
function linkDepth(expand: string | null): LinkDepth {
  if (expand === null) return "forward";
  if (expand === "true") return "all";
  if (expand === "false") return "own";
  throw validationError("expand", `expand takes true or false, not ${JSON.stringify(expand)}.`);
}
