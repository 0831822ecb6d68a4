import { describe, expect, it } from "vitest";
import type { MirroredFieldValue, MirroredIncident } from "../mirror/incident.js";
import type { CatalogEntity } from "./entity.js";
import { EntityMapping } from "./mapping.js";

function entity(name: string, extra: Partial<CatalogEntity> = {}): CatalogEntity {
  return {
    ref: `${(extra.kind ?? "Component").toLowerCase()}:default/${name}`,
    kind: "Component",
    namespace: "default",
    name,
    tags: [],
    annotations: {},
    links: [],
    dependsOn: [],
    children: [],
    relations: [],
    source: { file: "catalog.yaml", line: 1, column: 1 },
    ...extra,
  };
}

const FIELD_ID = "01FIELDAFFECTEDSERVICES";

function incident(
  values: MirroredFieldValue[],
  account = "prod",
  fieldName = "Affected services",
): MirroredIncident {
  return {
    id: `inc-${Math.random().toString(36).slice(2)}`,
    account,
    reference: "INC-1",
    name: "Something broke",
    summary: null,
    severity: null,
    status: { id: "s", name: "Investigating", category: "live" },
    type: null,
    mode: "standard",
    visibility: "public",
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
    resolvedAt: null,
    permalink: null,
    customFields: [
      { fieldId: "01OTHER", fieldName: "Customer impact", values: [{ label: "Payments API" }] },
      { fieldId: FIELD_ID, fieldName, values },
    ],
  };
}

const ENTITIES = [
  entity("payments-api", { title: "Payments API" }),
  entity("checkout-web", { title: "Checkout" }),
  entity("search"),
  entity("status-site", { title: "Status page", incidentFieldValue: "Status Site" }),
  entity("payments", { kind: "Group", title: "Payments" }),
];
const mapping = new EntityMapping(ENTITIES, { field: "Affected services" });

describe("EntityMapping: which entities an incident belongs to", () => {
  it("matches the entity's title, ignoring case and surrounding spaces", () => {
    expect(mapping.entitiesFor(incident([{ label: "  payments api " }]))).toEqual([
      "component:default/payments-api",
    ]);
  });

  it("matches the entity's name when the title does not match", () => {
    expect(mapping.entitiesFor(incident([{ label: "Search" }]))).toEqual(["component:default/search"]);
    expect(mapping.entitiesFor(incident([{ label: "CHECKOUT-WEB" }]))).toEqual([
      "component:default/checkout-web",
    ]);
  });

  it("matches a catalog entry's external ID or alias against the entity's name", () => {
    const byExternalId = { label: "Storefront checkout", id: "01ENTRY", externalId: "checkout-web" };
    const byAlias = { label: "Product search", id: "01ENTRY2", aliases: ["search-api", "Search"] };
    expect(mapping.entitiesFor(incident([byExternalId]))).toEqual(["component:default/checkout-web"]);
    expect(mapping.entitiesFor(incident([byAlias]))).toEqual(["component:default/search"]);
  });

  it("maps an entry pushed from the catalog by its external ID, whatever it and the entity are called", () => {
    const pushed = {
      label: "Renamed in incident.io",
      id: "01PUSHED",
      externalId: "component:default/search",
    };
    expect(mapping.entitiesFor(incident([pushed]))).toEqual(["component:default/search"]);
    const anyCase = { label: "Checkout", id: "01PUSHED2", externalId: "Component:Default/PAYMENTS-API" };
    expect(mapping.entitiesFor(incident([anyCase]))).toEqual(["component:default/payments-api"]);
    // catalog-importer's Backstage template keys entries by namespace/name.
    const imported = { label: "Storefront", id: "01IMPORTED", externalId: "default/checkout-web" };
    expect(mapping.entitiesFor(incident([imported]))).toEqual(["component:default/checkout-web"]);
    // An annotated entity is still its own entry; a Group's entry maps only when Groups are mapped.
    const annotated = { label: "Status", id: "01STATUS", externalId: "component:default/status-site" };
    expect(mapping.entitiesFor(incident([annotated]))).toEqual(["component:default/status-site"]);
    expect(mapping.entitiesFor(incident([{ label: "x", externalId: "group:default/payments" }]))).toEqual([]);
  });

  it("lets an entry's identifiers decide before display names", () => {
    const entry = { label: "Checkout", id: "01ENTRY3", externalId: "payments-api" };
    expect(mapping.entitiesFor(incident([entry]))).toEqual(["component:default/payments-api"]);
    expect(mapping.entitiesFor(incident([{ label: "Checkout" }]))).toEqual([
      "component:default/checkout-web",
    ]);
  });

  it("uses the override annotation alone: it matches, and the title and name no longer do", () => {
    expect(mapping.entitiesFor(incident([{ label: "Status Site" }]))).toEqual([
      "component:default/status-site",
    ]);
    expect(mapping.entitiesFor(incident([{ label: "Status page" }]))).toEqual([]);
    expect(mapping.entitiesFor(incident([{ label: "status-site" }]))).toEqual([]);
    const byId = new EntityMapping([entity("ledger", { incidentFieldValue: "01LEDGERENTRY" })], {
      field: FIELD_ID,
    });
    expect(byId.entitiesFor(incident([{ label: "Ledger", id: "01LEDGERENTRY" }]))).toEqual([
      "component:default/ledger",
    ]);
  });

  it("prefers a title match over a name match for the same value", () => {
    const both = new EntityMapping(
      [entity("gateway", { title: "Edge" }), entity("edge", { title: "Edge proxy" })],
      {
        field: "Affected services",
      },
    );
    expect(both.entitiesFor(incident([{ label: "edge" }]))).toEqual(["component:default/gateway"]);
  });

  it("gives every entity of every value, each once", () => {
    const values = [{ label: "Checkout" }, { label: "Payments API" }, { label: "payments-api" }];
    expect(mapping.entitiesFor(incident(values))).toEqual([
      "component:default/checkout-web",
      "component:default/payments-api",
    ]);
    const twins = new EntityMapping([entity("a", { title: "Same" }), entity("b", { title: "same" })], {
      field: "Affected services",
    });
    expect(twins.entitiesFor(incident([{ label: "Same" }]))).toEqual([
      "component:default/a",
      "component:default/b",
    ]);
  });

  it("maps nothing for an unknown value, another field, or no field", () => {
    expect(mapping.entitiesFor(incident([{ label: "Mainframe" }]))).toEqual([]);
    expect(mapping.entitiesFor(incident([{ label: "Payments API" }], "prod", "Products"))).toEqual([]);
    expect(mapping.entitiesFor({ ...incident([]), customFields: [] })).toEqual([]);
  });

  it("finds the field by ID as well as by name, and maps only Components unless told", () => {
    const byId = new EntityMapping(ENTITIES, { field: FIELD_ID });
    expect(byId.entitiesFor(incident([{ label: "Payments" }]))).toEqual([]);
    const groups = new EntityMapping(ENTITIES, { field: FIELD_ID, kinds: ["Group"] });
    expect(groups.entitiesFor(incident([{ label: "Payments" }]))).toEqual(["group:default/payments"]);
  });

  it("maps an entity only to incidents of its account", () => {
    const entities = [entity("api", { account: "staging" }), entity("web")];
    const scoped = new EntityMapping(entities, { field: "Affected services", defaultAccount: "prod" });
    expect(scoped.entitiesFor(incident([{ label: "api" }, { label: "web" }], "prod"))).toEqual([
      "component:default/web",
    ]);
    expect(scoped.entitiesFor(incident([{ label: "api" }, { label: "web" }], "staging"))).toEqual([
      "component:default/api",
    ]);
    const anyAccount = new EntityMapping([entity("web")], { field: "Affected services" });
    expect(anyAccount.entitiesFor(incident([{ label: "web" }], "staging"))).toEqual([
      "component:default/web",
    ]);
  });
});

describe("EntityMapping: incidents by entity, and has-mapping", () => {
  it("groups incidents under each entity they belong to", () => {
    const first = incident([{ label: "Checkout" }, { label: "Search" }]);
    const second = incident([{ label: "Search" }]);
    const byEntity = mapping.incidentsByEntity([first, second, incident([{ label: "Mainframe" }])]);
    expect(byEntity.get("component:default/search")).toEqual([first, second]);
    expect(byEntity.get("component:default/checkout-web")).toEqual([first]);
    expect(byEntity.size).toBe(2);
  });

  it("an entity has a mapping when some value of the field (a choice or an incident's) maps to it", () => {
    const seen = mapping.valuesOf([incident([{ label: "Checkout" }]), incident([{ label: "checkout " }])]);
    expect(seen).toHaveLength(1);
    const choices = [{ label: "Status Site", id: "01A" }];
    const mapped = mapping.mappedEntities([...seen, ...choices]);
    expect([...mapped].sort()).toEqual(["component:default/checkout-web", "component:default/status-site"]);
    expect(mapped.has("component:default/search")).toBe(false);
  });

  it("maps 50,000 incidents over 1,000 entities quickly", () => {
    const many = Array.from({ length: 1000 }, (_, i) => entity(`service-${i}`, { title: `Service ${i}` }));
    const big = new EntityMapping(many, { field: "Affected services" });
    const incidents = Array.from({ length: 50_000 }, (_, i) =>
      incident([{ label: `Service ${i % 1000}` }, { label: "x", externalId: `service-${(i * 7) % 1000}` }]),
    );
    const started = performance.now();
    const byEntity = big.incidentsByEntity(incidents);
    const elapsed = performance.now() - started;
    expect(byEntity.size).toBe(1000);
    expect(byEntity.get("component:default/service-0")?.length).toBeGreaterThanOrEqual(50);
    expect(elapsed).toBeLessThan(3000);
  });
});
