import { describe, expect, it } from "vitest";
import {
  descriptionMissingReason,
  validateQuery,
  validateRequestBody,
  validateResponse,
} from "../../test/support/openapi.js";
import type { IncidentIo } from "./client.js";
import { IncidentIoApiError } from "./errors.js";
import { exampleCatalogEntry, exampleCatalogResource, exampleCatalogType } from "./testing/catalog-bodies.js";
import { collect, failure, scriptedClient } from "./testing/harness.js";
import type {
  CatalogEntriesBulkUpdatePayload,
  CatalogEntryCreatePayload,
  CatalogEntryUpdatePayload,
  CatalogTypeCreatePayload,
  CatalogTypeSchemaPayload,
  CatalogTypeUpdatePayload,
} from "./types/catalog-payloads.js";

const { server, client } = await scriptedClient();
const retrying = await scriptedClient({ maxRetries: 2, random: () => 0 });

const TYPE = "01HQ4Z7V1JX6R8T3N2M5K9B0CT";
const ENTRY = "01HQ4Z7V1JX6R8T3N2M5K9B0CE";
const TEAM_ATTRIBUTE = "01HQ4Z7V1JX6R8T3N2M5K9B0A2";
const type = exampleCatalogType();
const entry = exampleCatalogEntry();
const meta = { page_size: 250 };

const createType: CatalogTypeCreatePayload = {
  name: "Service",
  description: "Everything we run in production",
  type_name: 'Custom["Service"]',
  categories: ["service"],
  color: "blue",
  icon: "server",
  annotations: { "incident.io/catalog-importer/sync-id": "backstage" },
  use_name_as_identifier: true,
};
const updateType: CatalogTypeUpdatePayload = {
  name: "Service",
  description: "Production services",
  ranked: true,
};
const schema: CatalogTypeSchemaPayload = {
  version: 4,
  attributes: [
    { id: TEAM_ATTRIBUTE, name: "Team", type: 'Custom["Team"]', array: false },
    { name: "Tier", type: "Number", array: false, mode: "dashboard" },
  ],
};
const createEntry: CatalogEntryCreatePayload = {
  catalog_type_id: TYPE,
  name: "Payments API",
  external_id: "payments-api",
  aliases: ["payments"],
  rank: 1,
  attribute_values: { [TEAM_ATTRIBUTE]: { value: { literal: "payments" } } },
};
const updateEntry: CatalogEntryUpdatePayload = {
  name: "Payments API",
  attribute_values: { [TEAM_ATTRIBUTE]: { value: { literal: "ledger" } } },
  update_attributes: [TEAM_ATTRIBUTE],
};
const bulk: CatalogEntriesBulkUpdatePayload = {
  catalog_type_id: TYPE,
  entries: [{ entry_id: ENTRY, name: "Payments", attribute_values: {} }],
  update_attributes: [TEAM_ATTRIBUTE],
};

interface Case {
  name: string;
  call: (c: IncidentIo) => Promise<unknown>;
  method: string;
  url: string;
  sent?: unknown;
  status: number;
  reply?: Record<string, unknown>;
  expected: unknown;
}

const cases: Case[] = [
  {
    name: "catalogTypes.list",
    call: (c) => c.catalogTypes.list(),
    method: "GET",
    url: "/v3/catalog_types",
    status: 200,
    reply: { catalog_types: [type] },
    expected: [type],
  },
  {
    name: "catalogTypes.show",
    call: (c) => c.catalogTypes.show(TYPE),
    method: "GET",
    url: `/v3/catalog_types/${TYPE}`,
    status: 200,
    reply: { catalog_type: type },
    expected: type,
  },
  {
    name: "catalogTypes.create",
    call: (c) => c.catalogTypes.create(createType),
    method: "POST",
    url: "/v3/catalog_types",
    sent: createType,
    status: 201,
    reply: { catalog_type: type },
    expected: { catalog_type: type },
  },
  {
    name: "catalogTypes.update",
    call: (c) => c.catalogTypes.update(TYPE, updateType),
    method: "PUT",
    url: `/v3/catalog_types/${TYPE}`,
    sent: updateType,
    status: 200,
    reply: { catalog_type: type },
    expected: { catalog_type: type },
  },
  {
    name: "catalogTypes.updateSchema",
    call: (c) => c.catalogTypes.updateSchema(TYPE, schema),
    method: "POST",
    url: `/v3/catalog_types/${TYPE}/actions/update_schema`,
    sent: schema,
    status: 200,
    reply: { catalog_type: type },
    expected: { catalog_type: type },
  },
  {
    name: "catalogTypes.delete",
    call: (c) => c.catalogTypes.delete(TYPE),
    method: "DELETE",
    url: `/v3/catalog_types/${TYPE}`,
    status: 204,
    expected: undefined,
  },
  {
    name: "catalogEntries.listPage",
    call: (c) => c.catalogEntries.listPage({ catalogTypeId: TYPE, identifier: "pay api" }),
    method: "GET",
    url: `/v3/catalog_entries?catalog_type_id=${TYPE}&page_size=25&identifier=pay%20api`,
    status: 200,
    reply: {
      catalog_entries: [entry],
      catalog_type: type,
      pagination_meta: { page_size: 25, total_record_count: 1 },
    },
    expected: {
      catalogType: type,
      entries: [entry],
      paginationMeta: { page_size: 25, total_record_count: 1 },
    },
  },
  {
    name: "catalogEntries.show with expand",
    call: (c) => c.catalogEntries.show(ENTRY, { expand: true }),
    method: "GET",
    url: `/v3/catalog_entries/${ENTRY}?expand=true`,
    status: 200,
    reply: { catalog_entry: entry, catalog_type: type },
    expected: entry,
  },
  {
    name: "catalogEntries.create",
    call: (c) => c.catalogEntries.create(createEntry),
    method: "POST",
    url: "/v3/catalog_entries",
    sent: createEntry,
    status: 201,
    reply: { catalog_entry: entry },
    expected: { catalog_entry: entry },
  },
  {
    name: "catalogEntries.update",
    call: (c) => c.catalogEntries.update(ENTRY, updateEntry),
    method: "PUT",
    url: `/v3/catalog_entries/${ENTRY}`,
    sent: updateEntry,
    status: 200,
    reply: { catalog_entry: entry, catalog_type: type },
    expected: { catalog_entry: entry, catalog_type: type },
  },
  {
    name: "catalogEntries.bulkUpdate",
    call: (c) => c.catalogEntries.bulkUpdate(bulk),
    method: "POST",
    url: "/v3/catalog_entries/actions/bulk_update",
    sent: bulk,
    status: 204,
    expected: undefined,
  },
  {
    name: "catalogEntries.delete",
    call: (c) => c.catalogEntries.delete(ENTRY),
    method: "DELETE",
    url: `/v3/catalog_entries/${ENTRY}`,
    status: 204,
    expected: undefined,
  },
  {
    name: "catalogResources.list",
    call: (c) => c.catalogResources.list(),
    method: "GET",
    url: "/v3/catalog_resources",
    status: 200,
    reply: { resources: [exampleCatalogResource()] },
    expected: [exampleCatalogResource()],
  },
];

describe("each catalog operation", () => {
  it.each(cases)("$name sends $method $url and returns the parsed answer", async (c) => {
    server.reply({ status: c.status, ...(c.reply ? { body: c.reply } : {}) });
    expect(await c.call(client)).toEqual(c.expected);
    const [request] = server.requests;
    expect(`${request?.method} ${request?.url}`).toBe(`${c.method} ${c.url}`);
    if (c.sent === undefined) expect(request?.body).toBe("");
    else expect(JSON.parse(request?.body ?? "")).toEqual(c.sent);
  });
});

describe("catalogEntries.list", () => {
  it("pages through every entry 250 at a time, following after until it is absent", async () => {
    const second = exampleCatalogEntry({ id: "01HQ4Z7V1JX6R8T3N2M5K9B0C2", name: "Ledger" });
    server.reply(
      { body: { catalog_entries: [entry], catalog_type: type, pagination_meta: { ...meta, after: ENTRY } } },
      { body: { catalog_entries: [second], catalog_type: type, pagination_meta: meta } },
    );
    const entries = await collect(client.catalogEntries.list({ catalogTypeId: TYPE }));
    expect(entries.map((e) => e.name)).toEqual(["Payments API", "Ledger"]);
    const urls = server.requests.map((r) => r.url);
    expect(urls).toEqual([
      `/v3/catalog_entries?catalog_type_id=${TYPE}&page_size=250`,
      `/v3/catalog_entries?catalog_type_id=${TYPE}&page_size=250&after=${ENTRY}`,
    ]);
    for (const url of urls) expect(validateQuery("GET", url)).toEqual({ ok: true });
  });

  it("stops at the limit without fetching more pages", async () => {
    server.reply({
      body: {
        catalog_entries: [entry, entry],
        catalog_type: type,
        pagination_meta: { page_size: 2, after: ENTRY },
      },
    });
    expect(
      await collect(client.catalogEntries.list({ catalogTypeId: TYPE }, { pageSize: 2, limit: 1 })),
    ).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
  });
});

describe("answers the client tolerates", () => {
  it("keeps colours, modes and categories incident.io adds later, and fields it does not know", async () => {
    const newer = exampleCatalogType({ color: "slate", categories: ["runbook"], sync_state: "idle" });
    server.reply({ body: { catalog_type: newer } });
    const shown = await client.catalogTypes.show(TYPE);
    expect([shown.color, shown.categories, (shown as Record<string, unknown>).sync_state]).toEqual([
      "slate",
      ["runbook"],
      "idle",
    ]);
  });

  it("names the field that does not fit when an entry comes back without its values", async () => {
    const { attribute_values: _, ...broken } = entry;
    server.reply({ body: { catalog_entry: broken, catalog_type: type } });
    const error = await failure(client.catalogEntries.show(ENTRY));
    expect(error.code).toBe("invalid_response");
    expect(error.message).toContain("catalog_entry.attribute_values");
  });
});

describe("refusals before anything is sent", () => {
  it("refuses an empty ID, an empty type to list and bulk updates of 0 or 251 entries", async () => {
    server.reply();
    expect((await failure(client.catalogEntries.show(" "))).message).toBe("id is empty");
    expect((await failure(client.catalogTypes.delete(""))).hint).toContain("catalog type's ID");
    await expect(client.catalogEntries.listPage({ catalogTypeId: "" })).rejects.toThrow(
      /catalogTypeId is empty/,
    );
    const none = await failure(client.catalogEntries.bulkUpdate({ ...bulk, entries: [] }));
    expect(none.message).toBe("a bulk update takes 1 to 250 entries, got 0");
    const many = Array.from({ length: 251 }, () => ({ entry_id: ENTRY, attribute_values: {} }));
    const tooMany = await failure(client.catalogEntries.bulkUpdate({ ...bulk, entries: many }));
    expect(tooMany.hint).toBe("split the entries into batches of at most 250");
    expect(() => client.catalogEntries.list({ catalogTypeId: TYPE }, { pageSize: 251 })).toThrow(
      /from 1 to 250/,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe("retries", () => {
  const busy = { status: 503, body: "busy" };

  it.each([
    [
      "an entry update (it sets, it does not add)",
      (c: IncidentIo) => c.catalogEntries.update(ENTRY, updateEntry),
      { catalog_entry: entry, catalog_type: type },
    ],
    ["a type update", (c: IncidentIo) => c.catalogTypes.update(TYPE, updateType), { catalog_type: type }],
    [
      "a create with an external ID (a repeat updates)",
      (c: IncidentIo) => c.catalogEntries.create(createEntry),
      { catalog_entry: entry },
    ],
  ])("retries %s after a 5xx", async (_, call, body) => {
    retrying.server.reply(busy, { status: 200, body });
    await call(retrying.client);
    expect(retrying.server.requests).toHaveLength(2);
  });

  it("retries a bulk update after a 5xx", async () => {
    retrying.server.reply(busy, { status: 204 });
    await retrying.client.catalogEntries.bulkUpdate(bulk);
    expect(retrying.server.requests).toHaveLength(2);
  });

  it.each([
    [
      "a create without an external ID (a repeat adds a second entry)",
      (c: IncidentIo) => {
        const { external_id: _external, ...withoutExternalId } = createEntry;
        return c.catalogEntries.create(withoutExternalId);
      },
    ],
    [
      "a schema update (a repeat carries a stale version)",
      (c: IncidentIo) => c.catalogTypes.updateSchema(TYPE, schema),
    ],
    ["a type create", (c: IncidentIo) => c.catalogTypes.create(createType)],
  ])("does not retry %s", async (_, call) => {
    retrying.server.reply(busy, { status: 200, body: {} });
    expect(((await failure(call(retrying.client))) as IncidentIoApiError).status).toBe(503);
    expect(retrying.server.requests).toHaveLength(1);
  });
});

describe("errors", () => {
  it("says to read the type again on a stale schema version (409)", async () => {
    server.reply({
      status: 409,
      body: {
        type: "conflict",
        status: 409,
        request_id: "r-9",
        errors: [{ code: "conflict", message: "version 5, not 4", source: { field: "version" } }],
      },
    });
    const error = await failure(client.catalogTypes.updateSchema(TYPE, schema));
    expect(error).toBeInstanceOf(IncidentIoApiError);
    expect([error.code, (error as IncidentIoApiError).fieldErrors[0]?.field]).toEqual([
      "conflict",
      "version",
    ]);
    expect(error.hint).toMatch(/fetch it again/);
  });

  it("names the catalog_editor role when a key may not create entries", async () => {
    server.reply({
      status: 403,
      body: {
        type: "resource_forbidden",
        status: 403,
        request_id: "r-8",
        errors: [{ code: "forbidden", message: "no" }],
      },
    });
    const error = (await failure(client.catalogEntries.create(createEntry))) as IncidentIoApiError;
    expect(error.requiredScope).toBe("catalog_entries.create");
    expect(error.hint).toContain("catalog_editor");
  });
});

if (descriptionMissingReason) console.warn(`catalog.test.ts: ${descriptionMissingReason}`);

describe.skipIf(descriptionMissingReason !== undefined)("by incident.io's description", () => {
  it.each(cases)("$name: the request and the example answer are valid", (c) => {
    const path = c.url.split("?")[0] as string;
    expect(validateQuery(c.method, c.url)).toEqual({ ok: true });
    expect(validateRequestBody(c.method, path, c.sent)).toEqual({ ok: true });
    expect(validateResponse(c.method, path, c.status, c.reply)).toEqual({ ok: true });
  });
});
