/**
 * `incidentkit incidents list/declare/edit --custom-field` on the demo organisation, whose "Affected services" is
 * backed by its Service catalog type: entries given by name, alias, external ID or ID, in any case, as the
 * README's and `--help`'s own example does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncidentRecord } from "../../src/emulator/model.js";
import { demoSnapshot } from "../../src/emulator/seed/index.js";
import { type CliWorld, json, startCliWorld } from "./cli-harness.js";

let w: CliWorld;

beforeAll(async () => {
  w = await startCliWorld((snapshot) => Object.assign(snapshot, demoSnapshot()));
});

afterAll(async () => {
  await w?.close();
});

interface ListDocument {
  incidents: { id: string }[];
}

const field = () => {
  const found = w.snapshot.custom_fields.find((candidate) => candidate.name === "Affected services");
  if (!found?.catalog_type_id)
    throw new Error("the demo organisation has no catalog-backed Affected services");
  return found;
};
const entry = (externalId: string) => {
  const found = w.snapshot.catalog_entries.find((candidate) => candidate.external_id === externalId);
  if (!found) throw new Error(`the demo catalog has no ${externalId}`);
  return found;
};
const affected = (incident: IncidentRecord | undefined) =>
  incident?.custom_field_entries
    .find((fieldEntry) => fieldEntry.custom_field_id === field().id)
    ?.values.map((value) => value.value_catalog_entry_id);

/** The emulator's own answer: the IDs of standard and retrospective incidents naming the entry. */
function incidentsNaming(entryId: string): string[] {
  return w.t.emulator
    .incidents()
    .filter((incident) => incident.mode === "standard" || incident.mode === "retrospective")
    .filter((incident) => affected(incident)?.includes(entryId))
    .map((incident) => incident.id)
    .sort();
}

async function listed(value: string): Promise<string[]> {
  const run = await w.cli([
    "--json",
    "incidents",
    "list",
    "--custom-field",
    `Affected services=${value}`,
    "--all",
  ]);
  expect(run.code, run.stderr).toBe(0);
  return json<ListDocument>(run)
    .incidents.map((incident) => incident.id)
    .sort();
}

describe("catalog-backed custom fields on the command line", () => {
  it('lists incidents with --custom-field "Affected services=payments-api", and by name or alias alike', async () => {
    const expected = incidentsNaming(entry("payments-api").id);
    expect(expected.length).toBeGreaterThan(1);
    expect(await listed("payments-api")).toEqual(expected);
    expect(await listed("Payments API")).toEqual(expected);
    expect(await listed("PAY-API")).toEqual(expected);
  });

  it("declares and edits with entries by name and alias", async () => {
    const declared = await w.cli([
      "--json",
      "incidents",
      "declare",
      "--name",
      "Card payments failing",
      "--severity",
      "Minor",
      "--mode",
      "test",
      "--custom-field",
      "Affected services=payments api",
    ]);
    expect(declared.code, declared.stderr).toBe(0);
    const { incident } = json<{ incident: { id: string; reference: string } }>(declared);
    const stored = () => w.t.emulator.incidents().find((candidate) => candidate.id === incident.id);
    expect(affected(stored())).toEqual([entry("payments-api").id]);

    const edited = await w.cli([
      "incidents",
      "edit",
      incident.reference,
      "--custom-field",
      "Affected services=sso",
      "--custom-field",
      "Affected services=Ledger",
    ]);
    expect(edited.code, edited.stderr).toBe(0);
    expect(affected(stored())).toEqual([entry("auth-service").id, entry("ledger").id]);
  });

  it("exits 2 for a service the catalog does not have, naming the field, the value and how to list entries", async () => {
    const run = await w.cli(["incidents", "list", "--custom-field", "Affected services=checkout-edge"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('"Affected services" has no catalog entry "checkout-edge"');
    expect(run.stderr).toContain("perhaps Checkout (checkout-web)");
    expect(run.stderr).toContain(
      `incidentkit api GET /v3/catalog_entries -q catalog_type_id=${field().catalog_type_id}`,
    );
  });
});
