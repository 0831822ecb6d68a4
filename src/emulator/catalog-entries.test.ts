import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { ManualClock } from "../shared/clock.js";
import type { Snapshot } from "./model.js";
import {
  type CatalogTypeBody,
  catalogClient,
  expectNotFound,
  fieldOf,
  teamAndComponent,
} from "./testing/catalog-client.js";
import { testSnapshot, tokenFor } from "./testing.js";

/** Catalog entries: creating (with the documented upsert), listing with cursors and identifiers, showing links. */

const START = Date.UTC(2024, 4, 1);
let t: TestEmulator;
let snapshot: Snapshot;
let clock: ManualClock;
let team: CatalogTypeBody;
let service: CatalogTypeBody;

const client = catalogClient(
  () => t,
  () => tokenFor(snapshot, "Viewer"),
);
const { get, send, typeWith, entry } = client;

beforeEach(async () => {
  snapshot = testSnapshot(START);
  clock = new ManualClock(START + 60_000);
  t = await startTestEmulator({ ephemeral: true, snapshot, clock });
  ({ team, service } = await teamAndComponent(client));
});

afterEach(() => t.close());

const list = (query: string) => get(`/v3/catalog_entries?${query}`);

describe("creating entries", () => {
  it("creates an entry with aliases, rank and values, labelling references with the entry's name", async () => {
    const payments = await entry({ catalog_type_id: team.id, name: "Payments", external_id: "payments" });
    const created = await send("POST", "/v3/catalog_entries", {
      catalog_type_id: service.id,
      name: "Payments API",
      external_id: "payments-api",
      aliases: ["pay-api", "payments", "pay-api"],
      rank: 3,
      attribute_values: {
        team: { value: { literal: "payments" } },
        tier: { value: { literal: "1" } },
        public: { value: { literal: "true" } },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.catalog_entry).toEqual({
      id: expect.stringMatching(/^[0-9A-Z]{26}$/),
      catalog_type_id: service.id,
      name: "Payments API",
      external_id: "payments-api",
      aliases: ["pay-api", "payments"],
      rank: 3,
      attribute_values: {
        team: { value: { literal: "payments", label: "Payments" } },
        tier: { value: { literal: "1", label: "1" } },
        public: { value: { literal: "true", label: "true" } },
      },
      created_at: new Date(clock.now()).toISOString(),
      updated_at: new Date(clock.now()).toISOString(),
    });
    expect(Object.keys(created.body.catalog_entry.attribute_values)).not.toContain("team_channel");
    expect(payments.rank).toBe(0);
  });

  it("updates the entry with the same external ID instead of adding one (the documented upsert)", async () => {
    const first = await entry({
      catalog_type_id: service.id,
      name: "Search",
      external_id: "search",
      aliases: ["es"],
    });
    clock.advance(5000);
    const again = await send("POST", "/v3/catalog_entries", {
      catalog_type_id: service.id,
      name: "Search API",
      external_id: "search",
      attribute_values: { tier: { value: { literal: "2" } } },
    });
    expect(again.status).toBe(201);
    expect(again.body.catalog_entry).toMatchObject({
      id: first.id,
      name: "Search API",
      aliases: ["es"],
      attribute_values: { tier: { value: { literal: "2" } } },
      updated_at: new Date(clock.now()).toISOString(),
    });
    expect((await list(`catalog_type_id=${service.id}&page_size=25`)).body.catalog_entries).toHaveLength(1);
  });

  it("keeps a reference to an entry that does not exist yet as given, and labels it once it does", async () => {
    const api = await entry({
      catalog_type_id: service.id,
      name: "Checkout",
      attribute_values: { team: { value: { literal: "storefront" } } },
    });
    expect(api.attribute_values.team).toEqual({ value: { literal: "storefront", label: "storefront" } });
    await entry({ catalog_type_id: team.id, name: "Storefront", external_id: "storefront" });
    const shown = await get(`/v3/catalog_entries/${api.id}`);
    expect(shown.body.catalog_entry.attribute_values.team).toEqual({
      value: { literal: "storefront", label: "Storefront" },
    });
  });

  it.each([
    [{ nope: { value: { literal: "x" } } }, "attribute_values.nope", "is not an attribute"],
    [{ tier: { value: { literal: "high" } } }, "attribute_values.tier.value.literal", "Number"],
    [{ public: { value: { literal: "yes" } } }, "attribute_values.public.value.literal", "Bool"],
    [
      { depends_on: { value: { literal: "search" } } },
      "attribute_values.depends_on.value",
      "array attribute",
    ],
    [{ tier: { array_value: [{ literal: "1" }] } }, "attribute_values.tier.array_value", "holds one value"],
    [
      { depends_on: { array_value: [{}] } },
      "attribute_values.depends_on.array_value.0.literal",
      "needs a literal",
    ],
    [{ team_channel: { value: { literal: "#pay" } } }, "attribute_values.team_channel", "path attribute"],
  ])("refuses attribute_values %j naming %s", async (values, field, words) => {
    const reply = await send("POST", "/v3/catalog_entries", {
      catalog_type_id: service.id,
      name: "Bad",
      attribute_values: values,
    });
    expect(fieldOf(reply)).toBe(field);
    expect(reply.body.errors[0].message).toContain(words);
    expect((await list(`catalog_type_id=${service.id}&page_size=25`)).body.catalog_entries).toEqual([]);
  });

  it("refuses a backlink value, an unknown type, a missing name and a blank alias, naming each field", async () => {
    const backlink = await send("POST", "/v3/catalog_entries", {
      catalog_type_id: team.id,
      name: "Payments",
      attribute_values: { services: { array_value: [{ literal: "x" }] } },
    });
    expect(fieldOf(backlink)).toBe("attribute_values.services");
    expect(backlink.body.errors[0].message).toContain("backlink");
    const body = { catalog_type_id: team.id, name: "Payments", attribute_values: {} };
    expect(fieldOf(await send("POST", "/v3/catalog_entries", { ...body, catalog_type_id: "01NOSUCH" }))).toBe(
      "catalog_type_id",
    );
    expect(fieldOf(await send("POST", "/v3/catalog_entries", { ...body, name: "" }))).toBe("name");
    expect(fieldOf(await send("POST", "/v3/catalog_entries", { ...body, aliases: ["ok", " "] }))).toBe(
      "aliases.1",
    );
    expect(fieldOf(await send("POST", "/v3/catalog_entries", { catalog_type_id: team.id, name: "X" }))).toBe(
      "attribute_values",
    );
  });
});

describe("listing entries", () => {
  it("pages through a type's entries with after, reporting the total, and ends with an empty page", async () => {
    const made = [];
    for (let i = 1; i <= 7; i++) made.push(await entry({ catalog_type_id: service.id, name: `svc-${i}` }));
    await entry({ catalog_type_id: team.id, name: "Other type" });
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await list(`catalog_type_id=${service.id}&page_size=3${after ? `&after=${after}` : ""}`);
      expect(page.status).toBe(200);
      expect(page.body.catalog_type.id).toBe(service.id);
      expect(page.body.pagination_meta).toMatchObject({ page_size: 3, total_record_count: 7 });
      seen.push(...page.body.catalog_entries.map((e: { name: string }) => e.name));
      after = page.body.pagination_meta.after;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(made.map((e) => e.name));
    // Clients that page until an empty page (as catalog-importer does) get one after the last entry.
    const last = made[made.length - 1]?.id;
    expect(
      (await list(`catalog_type_id=${service.id}&page_size=3&after=${last}`)).body.catalog_entries,
    ).toEqual([]);
  });

  it("orders a ranked type's entries by rank", async () => {
    const tiers = await typeWith("Tier", [], { ranked: true });
    for (const [name, rank] of [
      ["Low", 3],
      ["High", 1],
      ["Mid", 2],
    ] as const) {
      await entry({ catalog_type_id: tiers.id, name, rank });
    }
    const page = await list(`catalog_type_id=${tiers.id}&page_size=10`);
    expect(page.body.catalog_entries.map((e: { name: string }) => e.name)).toEqual(["High", "Mid", "Low"]);
  });

  it("finds entries by identifier: ID, external ID, alias, and name only where the type allows it", async () => {
    const payments = await entry({
      catalog_type_id: team.id,
      name: "Payments",
      external_id: "team-pay",
      aliases: ["pay"],
    });
    const search = await entry({ catalog_type_id: service.id, name: "Search", external_id: "search" });
    const names = async (type: string, identifier: string) =>
      (
        await list(`catalog_type_id=${type}&page_size=25&identifier=${encodeURIComponent(identifier)}`)
      ).body.catalog_entries.map((e: { name: string }) => e.name);
    for (const identifier of [payments.id, "team-pay", "pay", "Payments"]) {
      expect(await names(team.id, identifier)).toEqual(["Payments"]);
    }
    expect(await names(team.id, "payments")).toEqual([]);
    expect(await names(service.id, "search")).toEqual(["Search"]);
    expect(await names(service.id, "Search")).toEqual([]);
    expect(await names(service.id, search.id)).toEqual(["Search"]);
  });

  it("refuses a missing type or page size, a page size over 250 and an unknown cursor; 404 for an unknown type", async () => {
    expect(fieldOf(await list("page_size=25"))).toBe("catalog_type_id");
    expect(fieldOf(await list(`catalog_type_id=${service.id}`))).toBe("page_size");
    expect(fieldOf(await list(`catalog_type_id=${service.id}&page_size=251`))).toBe("page_size");
    expect(fieldOf(await list(`catalog_type_id=${service.id}&page_size=5&after=01NOSUCH`))).toBe("after");
    expectNotFound(await list("catalog_type_id=01NOSUCHTYPE&page_size=5"));
  });
});

describe("showing entries", () => {
  it("shows own values with expand=false, paths by default, and backlinks with expand=true", async () => {
    const payments = await entry({
      catalog_type_id: team.id,
      name: "Payments",
      external_id: "payments",
      attribute_values: { slack: { value: { literal: "#payments" } } },
    });
    const api = await entry({
      catalog_type_id: service.id,
      name: "Payments API",
      attribute_values: {
        team: { value: { literal: "payments" } },
        depends_on: { array_value: [{ literal: "ledger" }] },
      },
    });
    const ledger = await entry({
      catalog_type_id: service.id,
      name: "Ledger",
      external_id: "ledger",
      attribute_values: { team: { value: { literal: payments.id } } },
    });
    const show = (id: string, query = "") => get(`/v3/catalog_entries/${id}${query}`);
    const own = await show(api.id, "?expand=false");
    expect(own.body.catalog_entry.attribute_values).toEqual({
      team: { value: { literal: "payments", label: "Payments" } },
      depends_on: { array_value: [{ literal: "ledger", label: "Ledger" }] },
    });
    expect(own.body.catalog_type.id).toBe(service.id);
    const forward = await show(api.id);
    expect(forward.body.catalog_entry.attribute_values.team_channel).toEqual({
      value: { literal: "#payments", label: "#payments" },
    });
    expect((await show(payments.id)).body.catalog_entry.attribute_values.services).toBeUndefined();
    const expanded = await show(payments.id, "?expand=true");
    expect(expanded.body.catalog_entry.attribute_values.services).toEqual({
      array_value: [
        { literal: api.id, label: "Payments API" },
        { literal: ledger.id, label: "Ledger" },
      ],
    });
    expect(fieldOf(await show(api.id, "?expand=yes"))).toBe("expand");
    expectNotFound(await show("01NOSUCHENTRY"));
  });
});
