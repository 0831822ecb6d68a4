import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { ManualClock } from "../shared/clock.js";
import type { Snapshot } from "./model.js";
import { attributeId, catalogClient, expectNotFound, fieldOf } from "./testing/catalog-client.js";
import { named, testSnapshot, tokenFor } from "./testing.js";

const START = Date.UTC(2024, 4, 1);
let t: TestEmulator;
let snapshot: Snapshot;
let clock: ManualClock;

beforeEach(async () => {
  snapshot = testSnapshot(START);
  clock = new ManualClock(START + 60_000);
  t = await startTestEmulator({ ephemeral: true, snapshot, clock });
});

afterEach(() => t.close());

const { get, send, typeWith } = catalogClient(
  () => t,
  () => tokenFor(snapshot, "Viewer"),
);
const schemaOf = (id: string) => get(`/v3/catalog_types/${id}`).then((r) => r.body.catalog_type.schema);

describe("catalog types", () => {
  it("lists the seeded type, written before Catalog V3, with V3's defaults and an empty schema", async () => {
    const list = await get("/v3/catalog_types");
    expect(list.status).toBe(200);
    const [service] = list.body.catalog_types;
    expect(service).toMatchObject({
      id: snapshot.catalog_types[0]?.id,
      name: "Service",
      type_name: 'Custom["Service"]',
      engine_resource_type: `CatalogEntry["${snapshot.catalog_types[0]?.id}"]`,
      categories: [],
      ranked: false,
      is_editable: true,
      annotations: {},
      use_name_as_identifier: false,
      estimated_count: 2,
      schema: { version: 1, attributes: [] },
    });
  });

  it("creates a type with every field, shows it, and derives a type name when none is given", async () => {
    const body = {
      name: "Kubernetes cluster",
      description: "Clusters we run in GKE",
      type_name: 'Custom["KubernetesCluster"]',
      categories: ["service"],
      color: "cyan",
      icon: "server",
      ranked: true,
      annotations: { "incidentkit/sync-id": "backstage" },
      owning_team_ids: ["01TEAM"],
      source_repo_url: "https://github.com/acme/catalog",
      use_name_as_identifier: true,
    };
    const created = await send("POST", "/v3/catalog_types", body);
    expect(created.status).toBe(201);
    const { type_name: _, ...rest } = body;
    expect(created.body.catalog_type).toMatchObject({
      ...rest,
      type_name: 'Custom["KubernetesCluster"]',
      schema: { version: 1, attributes: [] },
      created_at: new Date(clock.now()).toISOString(),
    });
    const shown = await get(`/v3/catalog_types/${created.body.catalog_type.id}`);
    expect(shown.body.catalog_type).toEqual(created.body.catalog_type);

    const derived = await send("POST", "/v3/catalog_types", { name: "on-call rota", description: "" });
    expect(derived.body.catalog_type.type_name).toBe('Custom["OnCallRota"]');
    const again = await send("POST", "/v3/catalog_types", { name: "On-call rota", description: "" });
    expect(again.body.catalog_type.type_name).toBe('Custom["OnCallRota2"]');
  });

  it("refuses a type name that is not Custom[…] or is taken, a bad colour, and a missing name", async () => {
    expect(
      fieldOf(await send("POST", "/v3/catalog_types", { name: "X", description: "", type_name: "Service" })),
    ).toBe("type_name");
    const taken = await send("POST", "/v3/catalog_types", {
      name: "X",
      description: "",
      type_name: 'Custom["Service"]',
    });
    expect(fieldOf(taken)).toBe("type_name");
    expect(taken.body.errors[0].code).toBe("not_unique");
    const colour = await send("POST", "/v3/catalog_types", { name: "X", description: "", color: "slate" });
    expect(fieldOf(colour)).toBe("color");
    expect(colour.body.errors[0].message).toContain("yellow");
    expect(fieldOf(await send("POST", "/v3/catalog_types", { description: "" }))).toBe("name");
    expect(fieldOf(await send("POST", "/v3/catalog_types", { name: "  ", description: "" }))).toBe("name");
    expect((await get("/v3/catalog_types")).body.catalog_types).toHaveLength(1);
  });

  it("updates name and description, keeping what is left out; the type name cannot change", async () => {
    const created = await send("POST", "/v3/catalog_types", {
      name: "Team",
      description: "Teams",
      color: "violet",
      annotations: { a: "b" },
    });
    const id = created.body.catalog_type.id;
    clock.advance(1000);
    const updated = await send("PUT", `/v3/catalog_types/${id}`, {
      name: "Squad",
      description: "Squads",
      ranked: true,
      type_name: 'Custom["Squad"]',
    });
    expect(updated.status).toBe(200);
    expect(updated.body.catalog_type).toMatchObject({
      name: "Squad",
      description: "Squads",
      ranked: true,
      color: "violet",
      annotations: { a: "b" },
      type_name: 'Custom["Team"]',
      updated_at: new Date(clock.now()).toISOString(),
    });
    expectNotFound(await send("PUT", "/v3/catalog_types/01NOSUCHTYPE", { name: "X", description: "" }));
  });

  it("deletes a type and its entries, but not while a custom field takes its entries", async () => {
    const service = snapshot.catalog_types[0]?.id ?? "";
    const refused = await send("DELETE", `/v3/catalog_types/${service}`);
    expect(fieldOf(refused)).toBe("id");
    expect(refused.body.errors[0].message).toContain('"Service"');

    const team = await typeWith("Team", []);
    const member = await send("POST", "/v3/catalog_entries", {
      catalog_type_id: team.id,
      name: "Payments",
      attribute_values: {},
    });
    const deleted = await send("DELETE", `/v3/catalog_types/${team.id}`);
    expect([deleted.status, deleted.body]).toEqual([204, undefined]);
    expectNotFound(await get(`/v3/catalog_types/${team.id}`));
    expectNotFound(await get(`/v3/catalog_entries/${member.body.catalog_entry.id}`));
    expectNotFound(await send("DELETE", `/v3/catalog_types/${team.id}`));
    expect((await get("/v3/catalog_types")).body.catalog_types.map((x: { id: string }) => x.id)).toEqual([
      service,
    ]);
    // Its type name is free again.
    expect((await send("POST", "/v3/catalog_types", { name: "Team", description: "" })).status).toBe(201);
  });

  it("answers 403 naming the scope to a key without catalog roles, and lets a catalog viewer read", async () => {
    const creator = tokenFor(snapshot, "Creator");
    const denied = await get("/v3/catalog_types", creator);
    expect(denied.status).toBe(403);
    expect(denied.body.errors[0].metadata).toEqual({ required_scope: "catalog_types.view" });
    const viewer = tokenFor(snapshot, "Viewer");
    expect((await send("POST", "/v3/catalog_types", { name: "X", description: "" }, viewer)).status).toBe(
      403,
    );
    const catalogViewer = t.emulator.createApiKey("Catalog", ["catalog_viewer"]).token;
    expect((await get("/v3/catalog_resources", catalogViewer)).status).toBe(200);
    const editor = t.emulator.createApiKey("Catalog editor", ["catalog_editor"]).token;
    expect((await send("POST", "/v3/catalog_types", { name: "X", description: "" }, editor)).status).toBe(
      201,
    );
  });
});

describe("catalog type schemas", () => {
  it("adds attributes (with IDs the caller chose or new ones), then renames and removes them, keeping modes", async () => {
    const type = await typeWith("Service", [
      { id: "description", name: "Description", type: "Text", array: false },
      { name: "Tier", type: "Number", array: false, mode: "dashboard" },
    ]);
    expect(type.schema.version).toBe(2);
    expect(type.schema.attributes).toEqual([
      { id: "description", name: "Description", type: "Text", array: false, mode: "" },
      {
        id: expect.stringMatching(/^[0-9A-Z]{26}$/),
        name: "Tier",
        type: "Number",
        array: false,
        mode: "dashboard",
      },
    ]);
    const tier = attributeId(type, "Tier");
    const next = await send("POST", `/v3/catalog_types/${type.id}/actions/update_schema`, {
      version: 2,
      attributes: [{ id: tier, name: "Service tier", type: "Number", array: false }],
    });
    expect(next.status).toBe(200);
    expect(next.body.catalog_type.schema).toEqual({
      version: 3,
      attributes: [{ id: tier, name: "Service tier", type: "Number", array: false, mode: "dashboard" }],
    });
  });

  it("refuses a stale version with 409, naming the version, and changes nothing", async () => {
    const type = await typeWith("Service", [{ name: "Owner", type: "String", array: false }]);
    const stale = await send("POST", `/v3/catalog_types/${type.id}/actions/update_schema`, {
      version: 1,
      attributes: [],
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      type: "conflict",
      errors: [{ code: "conflict", source: { field: "version" } }],
    });
    expect(stale.body.errors[0].message).toContain("version 2, not 1");
    expect(await schemaOf(type.id)).toEqual(type.schema);
  });

  it("refuses attribute types that are neither primitives nor catalog types, and duplicate names", async () => {
    const type = await typeWith("Service", []);
    const update = (attributes: unknown[]) =>
      send("POST", `/v3/catalog_types/${type.id}/actions/update_schema`, { version: 2, attributes });
    const unknown = await update([{ name: "Owner", type: 'Custom["Nobody"]', array: false }]);
    expect(fieldOf(unknown)).toBe("attributes.0.type");
    expect(unknown.body.errors[0].message).toContain("String, Text, Number, Bool");
    const twice = await update([
      { name: "Owner", type: "String", array: false },
      { name: "owner", type: "String", array: false },
    ]);
    expect(fieldOf(twice)).toBe("attributes.1.name");
    expect(fieldOf(await update([{ name: "Owner", type: "String" }]))).toBe("attributes.0.array");
    expect(fieldOf(await update([{ name: "Owner", type: "String", array: false, mode: "manual" }]))).toBe(
      "attributes.0.mode",
    );
    expect(await schemaOf(type.id)).toEqual(type.schema);
  });

  it("accepts a backlink to an attribute pointing at the type, always as an array, and checks it", async () => {
    const team = await typeWith("Team", []);
    const service = await typeWith("Service", [{ name: "Team", type: team.type_name, array: false }]);
    const teamAttribute = attributeId(service, "Team");
    const backlinked = await send("POST", `/v3/catalog_types/${team.id}/actions/update_schema`, {
      version: team.schema.version,
      attributes: [
        { name: "Services", type: service.type_name, array: false, backlink_attribute: teamAttribute },
      ],
    });
    expect(backlinked.status, JSON.stringify(backlinked.body)).toBe(200);
    expect(backlinked.body.catalog_type.schema.attributes[0]).toMatchObject({
      name: "Services",
      array: true,
      mode: "backlink",
      backlink_attribute: teamAttribute,
    });
    const version = backlinked.body.catalog_type.schema.version;
    const wrong = await send("POST", `/v3/catalog_types/${team.id}/actions/update_schema`, {
      version,
      attributes: [{ name: "Services", type: service.type_name, array: true, backlink_attribute: "nope" }],
    });
    expect(fieldOf(wrong)).toBe("attributes.0.backlink_attribute");
    const noTarget = await send("POST", `/v3/catalog_types/${team.id}/actions/update_schema`, {
      version,
      attributes: [{ name: "Services", type: service.type_name, array: true, mode: "backlink" }],
    });
    expect(fieldOf(noTarget)).toBe("attributes.0.backlink_attribute");
  });

  it("accepts a path through a reference, naming each step, and refuses one that ends at another type", async () => {
    const team = await typeWith("Team", [
      { id: "slack", name: "Slack channel", type: "String", array: false },
    ]);
    const service = await typeWith("Service", [
      { id: "team", name: "Team", type: team.type_name, array: false },
    ]);
    const update = (type: string) =>
      send("POST", `/v3/catalog_types/${service.id}/actions/update_schema`, {
        version: service.schema.version,
        attributes: [
          { id: "team", name: "Team", type: team.type_name, array: false },
          {
            name: "Team channel",
            type,
            array: false,
            path: [{ attribute_id: "team" }, { attribute_id: "slack" }],
          },
        ],
      });
    expect(fieldOf(await update("Number"))).toBe("attributes.1.type");
    const ok = await update("String");
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.catalog_type.schema.attributes[1]).toMatchObject({
      mode: "path",
      path: [
        { attribute_id: "team", attribute_name: "Team" },
        { attribute_id: "slack", attribute_name: "Slack channel" },
      ],
    });
  });

  it("clears the values of removed attributes and of attributes whose type changed", async () => {
    const type = await typeWith("Service", [
      { id: "owner", name: "Owner", type: "String", array: false },
      { id: "tier", name: "Tier", type: "Number", array: false },
      { id: "tags", name: "Tags", type: "String", array: true },
    ]);
    const created = await send("POST", "/v3/catalog_entries", {
      catalog_type_id: type.id,
      name: "payments",
      attribute_values: {
        owner: { value: { literal: "ada" } },
        tier: { value: { literal: "1" } },
        tags: { array_value: [{ literal: "pci" }] },
      },
    });
    await send("POST", `/v3/catalog_types/${type.id}/actions/update_schema`, {
      version: type.schema.version,
      attributes: [
        { id: "owner", name: "Owner", type: "String", array: false },
        { id: "tier", name: "Tier", type: "String", array: false },
      ],
    });
    const entry = await get(`/v3/catalog_entries/${created.body.catalog_entry.id}`);
    expect(entry.body.catalog_entry.attribute_values).toEqual({
      owner: { value: { literal: "ada", label: "ada" } },
    });
  });

  it("404 for the schema of a type that does not exist", async () => {
    expectNotFound(
      await send("POST", "/v3/catalog_types/01NOSUCHTYPE/actions/update_schema", {
        version: 1,
        attributes: [],
      }),
    );
  });
});

describe("catalog resources", () => {
  it("lists the primitives and every catalog type, as attribute types", async () => {
    const team = await typeWith("Team", []);
    const list = await get("/v3/catalog_resources");
    expect(list.status).toBe(200);
    const byType = new Map(list.body.resources.map((r: { type: string }) => [r.type, r]));
    for (const primitive of ["String", "Text", "Number", "Bool"]) {
      expect(byType.get(primitive)).toMatchObject({ category: "primitive", engine_resource_type: primitive });
    }
    expect(byType.get(team.type_name)).toMatchObject({
      category: "custom",
      label: "Team",
      engine_resource_type: `CatalogEntry["${team.id}"]`,
    });
    expect(byType.get('Custom["Service"]')).toMatchObject({
      label: named(snapshot.catalog_types, "Service").name,
    });
  });
});
