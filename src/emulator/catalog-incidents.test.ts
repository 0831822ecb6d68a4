import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import type { Snapshot } from "./model.js";
import { catalogClient, fieldOf } from "./testing/catalog-client.js";
import { call, named, testSnapshot, tokenFor } from "./testing.js";

/**
 * A catalog-backed custom field takes the entries the catalog API holds now: entries created through it are valid
 * values at once, deleted ones no longer are, and a renamed entry shows renamed on the incidents that name it.
 */

let t: TestEmulator;
let snapshot: Snapshot;

beforeEach(async () => {
  snapshot = testSnapshot();
  t = await startTestEmulator({
    ephemeral: true,
    snapshot,
    rateLimit: { capacity: 1e9, refillPerSecond: 1e9 },
  });
});

afterEach(() => t.close());

const { get, send, entry } = catalogClient(
  () => t,
  () => t.adminKey,
);
const serviceType = () => named(snapshot.catalog_types, "Service").id;
const serviceField = () => named(snapshot.custom_fields, "Service").id;
let keys = 0;

function declare(reference: string) {
  keys++;
  return call(t.emulator, "POST", "/v2/incidents", {
    token: tokenFor(snapshot, "Bot"),
    body: {
      idempotency_key: `catalog-${keys}`,
      visibility: "public",
      name: "Checkout is slow",
      severity_id: named(snapshot.severities, "Minor").id,
      custom_field_entries: [
        { custom_field_id: serviceField(), values: [{ value_catalog_entry_id: reference }] },
      ],
    },
  });
}

const serviceValue = (incident: {
  custom_field_entries: { custom_field: { id: string }; values: unknown[] }[];
}) => incident.custom_field_entries.find((e) => e.custom_field.id === serviceField())?.values[0];

describe("catalog-backed custom field values", () => {
  it("takes an entry created through the catalog API by ID, external ID or alias", async () => {
    const created = await entry({
      catalog_type_id: serviceType(),
      name: "search",
      external_id: "ext-search",
      aliases: ["search-api"],
    });
    for (const reference of [created.id, "ext-search", "search-api"]) {
      const reply = await declare(reference);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(serviceValue(reply.body.incident)).toEqual({
        value_catalog_entry: {
          id: created.id,
          name: "search",
          external_id: "ext-search",
          aliases: ["search-api"],
        },
      });
    }
  });

  it("refuses a deleted entry, naming the field, yet keeps showing it on incidents that named it", async () => {
    const created = await entry({
      catalog_type_id: serviceType(),
      name: "search",
      external_id: "ext-search",
    });
    const before = await declare(created.id);
    expect(before.status).toBe(200);
    expect((await send("DELETE", `/v3/catalog_entries/${created.id}`)).status).toBe(204);
    for (const reference of [created.id, "ext-search"]) {
      const refused = await declare(reference);
      expect(fieldOf(refused)).toBe("custom_field_entries.0.values.0.value_catalog_entry_id");
    }
    const shown = await get(`/v2/incidents/${before.body.incident.id}`);
    expect(serviceValue(shown.body.incident)).toMatchObject({
      value_catalog_entry: { id: created.id, name: "search" },
    });
  });

  it("refuses an entry of another type, even by its ID", async () => {
    const other = await send("POST", "/v3/catalog_types", { name: "Team", description: "" });
    const team = await entry({ catalog_type_id: other.body.catalog_type.id, name: "Payments" });
    expect(fieldOf(await declare(team.id))).toBe("custom_field_entries.0.values.0.value_catalog_entry_id");
  });

  it("shows an entry's new name on the incidents that name it", async () => {
    const checkout = named(snapshot.catalog_entries, "checkout");
    const declared = await declare(checkout.id);
    await send("PUT", `/v3/catalog_entries/${checkout.id}`, { name: "Checkout web", attribute_values: {} });
    const shown = await get(`/v2/incidents/${declared.body.incident.id}`);
    expect(serviceValue(shown.body.incident)).toMatchObject({
      value_catalog_entry: { name: "Checkout web" },
    });
  });
});
