/**
 * Our client against our emulator's Catalog V3, seeded with the demo organisation: a small import of the kind a
 * catalog push makes (a new type, a schema change, entries created, re-created and bulk updated, a backlink read
 * back), the demo's Affected services field taking the catalog's entries, and the errors, while every request and
 * answer is validated against incident.io's API description.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CatalogAttributePayload,
  type CatalogType,
  IncidentIo,
  IncidentIoApiError,
} from "../../src/api/index.js";
import { collect } from "../../src/api/testing/harness.js";
import { demoSnapshot } from "../../src/emulator/seed/index.js";
import { DEMO_SERVICES } from "../../src/emulator/seed/organisation.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";
import { descriptionMissingReason } from "../support/openapi.js";

if (descriptionMissingReason) console.warn(`catalog-conformance.test.ts: ${descriptionMissingReason}`);

const CATALOG_OPERATIONS = [
  "GET /v3/catalog_types",
  "POST /v3/catalog_types",
  "GET /v3/catalog_types/{id}",
  "PUT /v3/catalog_types/{id}",
  "DELETE /v3/catalog_types/{id}",
  "POST /v3/catalog_types/{id}/actions/update_schema",
  "GET /v3/catalog_resources",
  "GET /v3/catalog_entries",
  "POST /v3/catalog_entries",
  "GET /v3/catalog_entries/{id}",
  "PUT /v3/catalog_entries/{id}",
  "DELETE /v3/catalog_entries/{id}",
  "POST /v3/catalog_entries/actions/bulk_update",
];

const NOW = Date.UTC(2025, 5, 1, 12);
const SYSTEMS = [
  { external_id: "payments", name: "Payments", owner: "payments" },
  { external_id: "storefront", name: "Storefront", owner: "storefront" },
];

describe("the catalog through the client against the emulator (demo seed)", () => {
  const snapshot = demoSnapshot({ now: NOW, seed: 3 });
  let t: TestEmulator;
  let io: IncidentIo;
  let service: CatalogType;
  let team: CatalogType;
  let system: CatalogType;

  const rejection = async (call: Promise<unknown>): Promise<IncidentIoApiError> => {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IncidentIoApiError);
    return error as IncidentIoApiError;
  };
  const attribute = (type: CatalogType, name: string) => {
    const found = type.schema.attributes.find((a) => a.name === name);
    if (!found) throw new Error(`${type.name} has no attribute ${name}`);
    return found;
  };
  /** The attributes a type keeps, as a schema update sends them back. */
  const kept = (type: CatalogType): CatalogAttributePayload[] =>
    type.schema.attributes.map((a) => ({
      id: a.id,
      name: a.name,
      type: a.type,
      array: a.array,
      ...(a.backlink_attribute ? { backlink_attribute: a.backlink_attribute } : {}),
      ...(a.path ? { path: a.path.map((step) => ({ attribute_id: step.attribute_id })) } : {}),
    }));

  beforeAll(async () => {
    t = await startTestEmulator({ ephemeral: true, snapshot });
    io = new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, fetch: t.fetch });
  });

  afterAll(async () => {
    await t?.emulator.close();
  });

  it("lists the demo's Service and Team types, and the resources attributes can hold", async () => {
    const types = await io.catalogTypes.list();
    expect(types.map((type) => type.type_name)).toEqual(['Custom["Service"]', 'Custom["Team"]']);
    [service, team] = types as [CatalogType, CatalogType];
    expect((await io.catalogTypes.show(service.id)).estimated_count).toBe(DEMO_SERVICES.length);
    const resources = await io.catalogResources.list();
    expect(resources.filter((r) => r.category === "primitive").map((r) => r.type)).toEqual([
      "String",
      "Text",
      "Number",
      "Bool",
    ]);
    expect(resources.filter((r) => r.category === "custom").map((r) => r.type)).toEqual([
      'Custom["Service"]',
      'Custom["Team"]',
    ]);
  });

  it("pages through the services and finds one by name, external ID and alias", async () => {
    const services = await collect(io.catalogEntries.list({ catalogTypeId: service.id }, { pageSize: 5 }));
    expect(services.map((e) => e.external_id)).toEqual(DEMO_SERVICES.map((s) => s.slug));
    for (const identifier of ["Payments API", "payments-api", "pay-api"]) {
      const page = await io.catalogEntries.listPage({ catalogTypeId: service.id, identifier });
      expect(page.entries.map((e) => e.name)).toEqual(["Payments API"]);
      expect(page.paginationMeta.total_record_count).toBe(1);
    }
  });

  it("creates a System type owned by teams, with services pointing at it and a backlink back", async () => {
    const created = await io.catalogTypes.create({
      name: "System",
      description: "Backstage systems",
      type_name: 'Custom["BackstageSystem"]',
      icon: "components",
      annotations: { "incidentkit/sync-id": "demo" },
    });
    system = created.catalog_type;
    const withOwner = await io.catalogTypes.updateSchema(system.id, {
      version: system.schema.version,
      attributes: [{ id: "owner", name: "Owner", type: team.type_name, array: false }],
    });
    const withSystem = await io.catalogTypes.updateSchema(service.id, {
      version: service.schema.version,
      attributes: [...kept(service), { id: "system", name: "System", type: system.type_name, array: false }],
    });
    service = withSystem.catalog_type;
    const withBacklink = await io.catalogTypes.updateSchema(system.id, {
      version: withOwner.catalog_type.schema.version,
      attributes: [
        ...kept(withOwner.catalog_type),
        { name: "Services", type: service.type_name, array: true, backlink_attribute: "system" },
      ],
    });
    system = withBacklink.catalog_type;
    expect(attribute(system, "Services")).toMatchObject({ mode: "backlink", array: true });
    const renamed = await io.catalogTypes.update(system.id, {
      name: "System",
      description: "Systems, from Backstage",
      use_name_as_identifier: true,
    });
    expect(renamed.catalog_type).toMatchObject({
      description: "Systems, from Backstage",
      icon: "components",
    });
  });

  it("creates entries once per external ID, however often the create is sent", async () => {
    for (let round = 0; round < 2; round++) {
      for (const s of SYSTEMS) {
        const { catalog_entry } = await io.catalogEntries.create({
          catalog_type_id: system.id,
          name: s.name,
          external_id: s.external_id,
          attribute_values: { owner: { value: { literal: s.owner } } },
        });
        expect(catalog_entry.attribute_values.owner?.value?.label).toBe(s.name);
      }
    }
    const systems = await collect(io.catalogEntries.list({ catalogTypeId: system.id }));
    expect(systems.map((e) => e.external_id)).toEqual(SYSTEMS.map((s) => s.external_id));
  });

  it("bulk updates the services' System, leaving their other values alone, and reads the backlink", async () => {
    const services = await collect(io.catalogEntries.list({ catalogTypeId: service.id }));
    const team = attribute(service, "Team").id;
    const before = new Map(services.map((e) => [e.id, e.attribute_values[team]]));
    const systemOf = (slug: string) =>
      DEMO_SERVICES.find((s) => s.slug === slug)?.team === "Payments" ? "payments" : "storefront";
    await io.catalogEntries.bulkUpdate({
      catalog_type_id: service.id,
      entries: services.map((e) => ({
        entry_id: e.id,
        attribute_values: { system: { value: { literal: systemOf(e.external_id ?? "") } } },
      })),
      update_attributes: ["system"],
    });
    const after = await collect(io.catalogEntries.list({ catalogTypeId: service.id }));
    for (const e of after) {
      expect(e.attribute_values[team]).toEqual(before.get(e.id));
      expect(e.attribute_values.system?.value?.literal).toBe(systemOf(e.external_id ?? ""));
    }
    const [payments] = await collect(
      io.catalogEntries.list({ catalogTypeId: system.id, identifier: "Payments" }),
    );
    const shown = await io.catalogEntries.show(payments?.id ?? "", { expand: true });
    const backlinked = shown.attribute_values[attribute(system, "Services").id]?.array_value ?? [];
    expect(backlinked.map((v) => v.label).sort()).toEqual(
      DEMO_SERVICES.filter((s) => s.team === "Payments")
        .map((s) => s.name)
        .sort(),
    );
    const own = await io.catalogEntries.show(payments?.id ?? "", { expand: false });
    expect(Object.keys(own.attribute_values)).toEqual(["owner"]);
  });

  it("declares an incident whose Affected services name catalog entries by external ID", async () => {
    const field = snapshot.custom_fields.find((f) => f.name === "Affected services");
    expect(field?.catalog_type_id).toBe(service.id);
    const { incident } = await io.incidents.create({
      idempotency_key: randomUUID(),
      visibility: "public",
      mode: "test",
      name: "Card payments failing",
      severity_id: snapshot.severities[0]?.id ?? "",
      custom_field_entries: [
        {
          custom_field_id: field?.id ?? "",
          values: [{ value_catalog_entry_id: "payments-api" }, { value_catalog_entry_id: "ledger-db" }],
        },
      ],
    });
    const values = incident.custom_field_entries.find((e) => e.custom_field.id === field?.id)?.values ?? [];
    expect(values.map((v) => v.value_catalog_entry?.name)).toEqual(["Payments API", "Ledger"]);
  });

  it("updates an entry, deletes it and its type, and answers 404 for them after", async () => {
    const [storefront] = await collect(
      io.catalogEntries.list({ catalogTypeId: system.id, identifier: "storefront" }),
    );
    const updated = await io.catalogEntries.update(storefront?.id ?? "", {
      name: "Storefront",
      aliases: ["shop"],
      attribute_values: {},
      update_attributes: ["owner"],
    });
    expect([updated.catalog_entry.aliases, updated.catalog_entry.attribute_values]).toEqual([["shop"], {}]);
    await io.catalogEntries.delete(storefront?.id ?? "");
    expect((await rejection(io.catalogEntries.show(storefront?.id ?? ""))).status).toBe(404);
    await io.catalogTypes.delete(system.id);
    expect((await rejection(io.catalogTypes.show(system.id))).status).toBe(404);
    expect((await io.catalogTypes.list()).map((type) => type.name)).toEqual(["Service", "Team"]);
  });

  it("409 for a stale schema version, 422 naming the attribute for a bad value, 404 for an unknown type", async () => {
    const stale = await rejection(io.catalogTypes.updateSchema(service.id, { version: 1, attributes: [] }));
    expect([stale.status, stale.code, stale.fieldErrors[0]?.field]).toEqual([409, "conflict", "version"]);
    const bad = await rejection(
      io.catalogEntries.create({
        catalog_type_id: service.id,
        name: "Search",
        attribute_values: { nope: { value: { literal: "x" } } },
      }),
    );
    expect([bad.status, bad.fieldErrors[0]?.field]).toEqual([422, "attribute_values.nope"]);
    const unknown = await rejection(
      io.catalogEntries.listPage({ catalogTypeId: "01HZZZZZZZZZZZZZZZZZZZZZZZ" }),
    );
    expect(unknown.status).toBe(404);
  });

  it.skipIf(descriptionMissingReason !== undefined)(
    "implements every catalog operation, and every request and answer conformed",
    async () => {
      expect(CATALOG_OPERATIONS.filter((operation) => !t.implemented.has(operation))).toEqual([]);
      await expect(t.close()).resolves.toBeUndefined();
    },
  );
});
