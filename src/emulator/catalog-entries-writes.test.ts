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

/** Catalog entries: updates (whole or by update_attributes), bulk updates all or none, and deletion. */

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
const { get, send, entry } = client;

beforeEach(async () => {
  snapshot = testSnapshot(START);
  clock = new ManualClock(START + 60_000);
  t = await startTestEmulator({ ephemeral: true, snapshot, clock });
  ({ team, service } = await teamAndComponent(client));
});

afterEach(() => t.close());

const list = (query: string) => get(`/v3/catalog_entries?${query}`);

describe("updating entries", () => {
  it("replaces name and values, keeping aliases, external ID and rank that are left out", async () => {
    const created = await entry({
      catalog_type_id: service.id,
      name: "Search",
      external_id: "search",
      aliases: ["es"],
      rank: 4,
      attribute_values: { tier: { value: { literal: "2" } }, public: { value: { literal: "false" } } },
    });
    clock.advance(1000);
    const updated = await send("PUT", `/v3/catalog_entries/${created.id}`, {
      name: "Search API",
      attribute_values: { tier: { value: { literal: "1" } } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.catalog_type.id).toBe(service.id);
    expect(updated.body.catalog_entry).toMatchObject({
      name: "Search API",
      external_id: "search",
      aliases: ["es"],
      rank: 4,
      attribute_values: { tier: { value: { literal: "1", label: "1" } } },
      updated_at: new Date(clock.now()).toISOString(),
    });
    expect(updated.body.catalog_entry.attribute_values.public).toBeUndefined();
  });

  it("with update_attributes changes only those, clearing one listed but not given", async () => {
    const created = await entry({
      catalog_type_id: service.id,
      name: "Search",
      attribute_values: { tier: { value: { literal: "2" } }, public: { value: { literal: "true" } } },
    });
    const updated = await send("PUT", `/v3/catalog_entries/${created.id}`, {
      name: "Search",
      attribute_values: { tier: { value: { literal: "9" } }, team: { value: { literal: "ignored" } } },
      update_attributes: ["tier"],
    });
    expect(updated.body.catalog_entry.attribute_values).toEqual({
      tier: { value: { literal: "9", label: "9" } },
      public: { value: { literal: "true", label: "true" } },
    });
    const cleared = await send("PUT", `/v3/catalog_entries/${created.id}`, {
      name: "Search",
      attribute_values: {},
      update_attributes: ["public"],
    });
    expect(cleared.body.catalog_entry.attribute_values).toEqual({
      tier: { value: { literal: "9", label: "9" } },
    });
    const unknown = await send("PUT", `/v3/catalog_entries/${created.id}`, {
      name: "Search",
      attribute_values: {},
      update_attributes: ["tier", "nope"],
    });
    expect(fieldOf(unknown)).toBe("update_attributes.1");
  });

  it("sets an external ID once, then refuses to change it or to take another entry's", async () => {
    const a = await entry({ catalog_type_id: service.id, name: "A", external_id: "a" });
    const b = await entry({ catalog_type_id: service.id, name: "B" });
    const taken = await send("PUT", `/v3/catalog_entries/${b.id}`, {
      name: "B",
      attribute_values: {},
      external_id: "a",
    });
    expect(fieldOf(taken)).toBe("external_id");
    expect(taken.body.errors[0].code).toBe("not_unique");
    const set = await send("PUT", `/v3/catalog_entries/${b.id}`, {
      name: "B",
      attribute_values: {},
      external_id: "b",
    });
    expect(set.body.catalog_entry.external_id).toBe("b");
    const changed = await send("PUT", `/v3/catalog_entries/${a.id}`, {
      name: "A",
      attribute_values: {},
      external_id: "z",
    });
    expect(fieldOf(changed)).toBe("external_id");
    expect(changed.body.errors[0].message).toContain("cannot change");
    expectNotFound(await send("PUT", "/v3/catalog_entries/01NOSUCH", { name: "A", attribute_values: {} }));
  });
});

describe("bulk updates", () => {
  it("updates several entries in one request (204), clearing ranks left out", async () => {
    const a = await entry({ catalog_type_id: service.id, name: "A", rank: 5, aliases: ["first"] });
    const b = await entry({
      catalog_type_id: service.id,
      name: "B",
      rank: 6,
      attribute_values: { public: { value: { literal: "true" } } },
    });
    const reply = await send("POST", "/v3/catalog_entries/actions/bulk_update", {
      catalog_type_id: service.id,
      entries: [
        { entry_id: a.id, name: "A2", attribute_values: { tier: { value: { literal: "1" } } } },
        { entry_id: b.id, rank: 1, attribute_values: { tier: { value: { literal: "2" } } } },
      ],
      update_attributes: ["tier"],
    });
    expect([reply.status, reply.body]).toEqual([204, undefined]);
    const shownA = (await get(`/v3/catalog_entries/${a.id}`)).body.catalog_entry;
    const shownB = (await get(`/v3/catalog_entries/${b.id}`)).body.catalog_entry;
    expect([shownA.name, shownA.rank, shownA.aliases]).toEqual(["A2", 0, ["first"]]);
    expect([shownB.name, shownB.rank]).toEqual(["B", 1]);
    expect(shownB.attribute_values).toMatchObject({
      tier: { value: { literal: "2" } },
      public: { value: { literal: "true" } },
    });
  });

  it("changes nothing when one entry is wrong, naming it; refuses an empty batch and one over 250", async () => {
    const a = await entry({ catalog_type_id: service.id, name: "A" });
    const b = await entry({ catalog_type_id: service.id, name: "B" });
    const other = await entry({ catalog_type_id: team.id, name: "Not a service" });
    const bulk = (entries: unknown[]) =>
      send("POST", "/v3/catalog_entries/actions/bulk_update", { catalog_type_id: service.id, entries });
    const bad = await bulk([
      { entry_id: a.id, name: "renamed", attribute_values: {} },
      { entry_id: b.id, attribute_values: { tier: { value: { literal: "x" } } } },
    ]);
    expect(fieldOf(bad)).toBe("entries.1.attribute_values.tier.value.literal");
    expect(fieldOf(await bulk([{ entry_id: other.id, attribute_values: {} }]))).toBe("entries.0.entry_id");
    expect(
      fieldOf(
        await bulk([
          { entry_id: a.id, attribute_values: {} },
          { entry_id: a.id, attribute_values: {} },
        ]),
      ),
    ).toBe("entries.1.entry_id");
    expect((await get(`/v3/catalog_entries/${a.id}`)).body.catalog_entry.name).toBe("A");
    expect(fieldOf(await bulk([]))).toBe("entries");
    const many = Array.from({ length: 251 }, () => ({ entry_id: a.id, attribute_values: {} }));
    expect(fieldOf(await bulk(many))).toBe("entries");
  });
});

describe("deleting entries", () => {
  it("archives the entry: gone from lists, show and identifier lookups, 404 when deleted again", async () => {
    const a = await entry({ catalog_type_id: service.id, name: "A", external_id: "a" });
    const deleted = await send("DELETE", `/v3/catalog_entries/${a.id}`);
    expect([deleted.status, deleted.body]).toEqual([204, undefined]);
    expectNotFound(await get(`/v3/catalog_entries/${a.id}`));
    expectNotFound(await send("DELETE", `/v3/catalog_entries/${a.id}`));
    expect(
      (await list(`catalog_type_id=${service.id}&page_size=5&identifier=a`)).body.catalog_entries,
    ).toEqual([]);
    // Its external ID can name a new entry.
    const again = await entry({ catalog_type_id: service.id, name: "A again", external_id: "a" });
    expect(again.id).not.toBe(a.id);
  });
});
