import { afterEach, describe, expect, it } from "vitest";
import type { CatalogEntryRecord, Snapshot } from "../emulator/model.js";
import { named, testSnapshot } from "../emulator/testing.js";
import { newId } from "../shared/ids.js";
import { CATALOG_MAX_AGE_MS } from "./catalog-entries.js";
import { customFieldEntries } from "./custom-field-values.js";
import { declareIncident, listIncidents } from "./incidents.js";
import { openSession } from "./session.js";
import { type OpsTest, refusal, startOpsTest } from "./testing.js";

let ops: OpsTest;
afterEach(async () => {
  await ops?.close();
});

const AT = "2024-05-01T00:00:00.000Z";

/** The test organisation with more entries in the Service type, which backs the "Service" field. */
function withEntries(
  more: (typeId: string) => Array<Omit<CatalogEntryRecord, "catalog_type_id" | "created_at" | "updated_at">>,
): Snapshot {
  const snapshot = testSnapshot();
  const typeId = snapshot.catalog_types[0]?.id ?? "";
  snapshot.catalog_entries.push(
    ...more(typeId).map((entry) => ({ ...entry, catalog_type_id: typeId, created_at: AT, updated_at: AT })),
  );
  return snapshot;
}

const entryId = (name: string) => named(ops.snapshot.catalog_entries, name).id;
const catalogReads = () => ops.requests.filter((request) => request === "GET /v3/catalog_entries").length;

/** The entry ID the "Service" field is sent with for `value`. */
async function sent(value: string, session = ops.s): Promise<string | undefined> {
  const [entry] = (await customFieldEntries(session.lookups, { service: value })) ?? [];
  return entry?.values[0]?.value_catalog_entry_id;
}

describe("catalog-backed custom fields by name", () => {
  it("take an entry's name, alias, external ID or ID, in any case", async () => {
    ops = await startOpsTest();
    const checkout = entryId("checkout");
    for (const value of ["checkout", " CHECKOUT ", "checkout-alias", "Ext-Checkout", checkout]) {
      expect(await sent(value), value).toBe(checkout);
    }
    const { incident } = await declareIncident(ops.s, {
      name: "Checkout down",
      severity: "Minor",
      customFields: { Service: "Payments" },
    });
    expect(incident.custom_field_entries[0]?.values[0]?.value_catalog_entry?.id).toBe(entryId("payments"));
  });

  it("send one value for a name and an alias of the same entry", async () => {
    ops = await startOpsTest();
    const [entry] =
      (await customFieldEntries(ops.s.lookups, { Service: ["payments", "payments-alias"] })) ?? [];
    expect(entry?.values).toEqual([{ value_catalog_entry_id: entryId("payments") }]);
  });

  it("refuse a name two entries answer to, listing both, before sending anything", async () => {
    ops = await startOpsTest({
      snapshot: withEntries(() => [
        { id: newId(), name: "Cart", aliases: ["Checkout"], external_id: "ext-cart" },
      ]),
    });
    const error = await refusal(
      declareIncident(ops.s, { name: "X", severity: "Minor", customFields: { Service: "checkout" } }),
    );
    expect(error.code).toBe("invalid_argument");
    expect(error.message).toContain('"Service": "checkout" names 2 catalog entries: ');
    expect(error.message).toContain(`checkout (external ID ext-checkout, ID ${entryId("checkout")})`);
    expect(error.message).toContain(`Cart (external ID ext-cart, ID ${entryId("Cart")})`);
    expect(error.hint).toBe("give the one you mean by its external ID or ID");
    expect(ops.requests).not.toContain("POST /v2/incidents");
  });

  it("refuse an unknown value naming the field, the value, the entries and how to list them", async () => {
    ops = await startOpsTest();
    const typeId = ops.snapshot.catalog_types[0]?.id;
    const error = await refusal(
      declareIncident(ops.s, { name: "X", severity: "Minor", customFields: { Service: "Checkout Service" } }),
    );
    expect(error.code).toBe("invalid_argument");
    expect(error.message).toBe('"Service" has no catalog entry "Checkout Service"');
    expect(error.hint).toBe(
      "give an entry's name, alias, external ID or ID (any case), perhaps checkout (ext-checkout); list them " +
        `with: incidentkit api GET /v3/catalog_entries -q catalog_type_id=${typeId} -q page_size=250 --paginate`,
    );
    const unlike = await refusal(listIncidents(ops.s, { customField: { Service: ["billing"] } }));
    expect(unlike.hint).toContain(
      "(any case): checkout (ext-checkout), payments (ext-payments); list them with:",
    );
    expect(ops.requests).not.toContain("POST /v2/incidents");
  });

  it("filter the incidents list by entry name", async () => {
    ops = await startOpsTest();
    const { incident } = await declareIncident(ops.s, {
      name: "Payments down",
      severity: "Minor",
      customFields: { Service: "ext-payments" },
    });
    await declareIncident(ops.s, {
      name: "Checkout down",
      severity: "Minor",
      customFields: { Service: "checkout" },
    });
    const listed = await listIncidents(ops.s, { customField: { service: ["PAYMENTS"] } });
    expect(listed.incidents.map((i) => i.id)).toEqual([incident.id]);
  });

  it("read a small catalog once a minute per session, shared by concurrent lookups", async () => {
    ops = await startOpsTest();
    await Promise.all([sent("checkout"), sent("payments"), sent("ext-payments")]);
    await sent("checkout-alias");
    expect(catalogReads()).toBe(1);
    const other = ops.session();
    await sent("checkout", other);
    expect(catalogReads()).toBe(2);

    // An entry added while a hub or MCP server runs is found once the kept read is a minute old.
    const typeId = ops.snapshot.catalog_types[0]?.id ?? "";
    const search = await ops.bystander.catalogEntries.create({
      catalog_type_id: typeId,
      name: "Search",
      external_id: "search",
      attribute_values: {},
    });
    await refusal(sent("search"));
    ops.clock.advance(CATALOG_MAX_AGE_MS);
    expect(await sent("search")).toBe(search.catalog_entry.id);
    expect(catalogReads()).toBe(3);
  });

  it("look a large catalog up with the identifier filter, reading every page only for a name", async () => {
    ops = await startOpsTest({
      snapshot: withEntries(() =>
        Array.from({ length: 300 }, (_, i) => ({
          id: newId(),
          name: `Service ${i}`,
          external_id: `svc-${i}`,
          aliases: [],
        })),
      ),
    });
    // The first page (250) shows the type is larger; the identifier filter then finds the external ID.
    expect(await sent("svc-299")).toBe(entryId("Service 299"));
    expect(catalogReads()).toBe(2);
    // Another case, or a name in a type that does not use names as identifiers: the identifier filter finds
    // nothing, so every page is read, once.
    expect(await sent("SERVICE 298")).toBe(entryId("Service 298"));
    expect(catalogReads()).toBe(5);
    expect(await sent("service 7")).toBe(entryId("Service 7"));
    const unknown = await refusal(sent("billing"));
    expect(unknown.hint).toContain("(302 in all)");
    expect(catalogReads()).toBe(5);
  });

  it("go as given when the API key may not read the catalog, incident.io taking IDs, external IDs and aliases", async () => {
    ops = await startOpsTest();
    const creator = openSession(ops.client("Creator"), { alias: "test", clock: ops.clock });
    const { incident } = await declareIncident(creator, {
      name: "Checkout down",
      severity: "Minor",
      customFields: { Service: "ext-checkout" },
    });
    expect(incident.custom_field_entries[0]?.values[0]?.value_catalog_entry?.id).toBe(entryId("checkout"));
    const error = await refusal(
      declareIncident(creator, {
        name: "X",
        severity: "Minor",
        customFields: { Service: "Checkout Service" },
      }),
    );
    expect(error.code).toBe("validation_failed");
    expect(error.hint).toContain("names are looked up only when the API key can read the catalog");
  });
});
