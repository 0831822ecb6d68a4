/** The MCP tools on the demo organisation: its catalog-backed "Affected services" field, given entries by name. */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../../test/support/emulator.js";
import type { Snapshot } from "../../emulator/model.js";
import { demoSnapshot } from "../../emulator/seed/index.js";
import { connectTools, dataOf, sessionOn, type ToolCall, textOf } from "./testing.js";

let t: TestEmulator;
let snapshot: Snapshot;
let call: ToolCall;
let close: () => Promise<void>;

beforeAll(async () => {
  snapshot = demoSnapshot();
  t = await startTestEmulator({ ephemeral: true, snapshot });
  const connection = await connectTools(sessionOn(t, t.adminKey));
  call = async (name, args = {}) =>
    (await connection.client.callTool({ name, arguments: args })) as CallToolResult;
  close = connection.close;
});

afterAll(async () => {
  await close?.();
  await t?.close();
});

const affected = () => {
  const field = snapshot.custom_fields.find((candidate) => candidate.name === "Affected services");
  if (!field?.catalog_type_id)
    throw new Error("the demo organisation has no catalog-backed Affected services");
  return field;
};
const service = (externalId: string) => {
  const entry = snapshot.catalog_entries.find((candidate) => candidate.external_id === externalId);
  if (!entry) throw new Error(`the demo catalog has no ${externalId}`);
  return entry;
};

describe("catalog-backed custom fields in the MCP tools", () => {
  it("declare_incident sets Affected services from an entry's name and alias, in any case", async () => {
    const result = await call("declare_incident", {
      name: "Card payments and checkout failing",
      severity: "Minor",
      mode: "test",
      custom_fields: { "affected services": ["payments api", "CART"] },
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const stored = t.emulator.incidents().find((incident) => incident.id === dataOf(result).incident.id);
    const values = stored?.custom_field_entries.find(
      (entry) => entry.custom_field_id === affected().id,
    )?.values;
    expect(values?.map((value) => value.value_catalog_entry_id)).toEqual([
      service("payments-api").id,
      service("checkout-web").id,
    ]);
  });

  it("list_incidents filters Affected services by external ID, as the emulator's own data says", async () => {
    const payments = service("payments-api").id;
    const expected = t.emulator
      .incidents()
      .filter((incident) =>
        incident.custom_field_entries.some(
          (entry) =>
            entry.custom_field_id === affected().id &&
            entry.values.some((value) => value.value_catalog_entry_id === payments),
        ),
      )
      .map((incident) => incident.id)
      .sort();
    expect(expected.length).toBeGreaterThan(1);
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const result = await call("list_incidents", {
        custom_field: { "Affected services": ["payments-api"] },
        mode: ["standard", "retrospective", "test", "tutorial"],
        limit: 100,
        ...(after ? { after } : {}),
      });
      expect(result.isError, textOf(result)).toBeFalsy();
      const page = dataOf(result);
      ids.push(...page.incidents.map((incident: { id: string }) => incident.id));
      after = page.next_cursor ?? undefined;
    } while (after);
    expect(ids.sort()).toEqual(expected);
  });

  it("refuses a service the catalog does not have, saying which field, which value and how to list entries", async () => {
    const result = await call("declare_incident", {
      name: "Edge failing",
      severity: "Minor",
      custom_fields: { "Affected services": "checkout-edge" },
    });
    expect(result.isError).toBe(true);
    const { error } = dataOf(result);
    expect(error.code).toBe("invalid_argument");
    expect(error.message).toBe('"Affected services" has no catalog entry "checkout-edge"');
    expect(error.hint).toContain("perhaps Checkout (checkout-web)");
    expect(error.hint).toContain(`catalog_type_id=${affected().catalog_type_id}`);
    expect(textOf(result)).not.toContain("cannot look");
  });
});
