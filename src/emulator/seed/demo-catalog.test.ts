import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../../test/support/emulator.js";
import { call } from "../testing.js";
import { demoSnapshot } from "./index.js";
import { DEMO_SERVICES, DEMO_TEAMS } from "./organisation.js";

const NOW = Date.UTC(2025, 5, 1, 12);
const snapshot = demoSnapshot({ now: NOW, seed: 7 });
const service = snapshot.catalog_types.find((type) => type.name === "Service");
const team = snapshot.catalog_types.find((type) => type.name === "Team");
let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot });
});

afterAll(() => t.close());

const get = (path: string) => call(t.emulator, "GET", path, { token: t.adminKey });

describe("the demo organisation's catalog", () => {
  it("backs the Affected services field with the Service type, one entry per demo service", () => {
    const field = snapshot.custom_fields.find((f) => f.name === "Affected services");
    expect(field).toMatchObject({ field_type: "multi_select", catalog_type_id: service?.id });
    const entries = snapshot.catalog_entries.filter((e) => e.catalog_type_id === service?.id);
    expect(entries.map((e) => [e.external_id, e.name])).toEqual(DEMO_SERVICES.map((s) => [s.slug, s.name]));
  });

  it("names only live Service entries in incidents' Affected services", () => {
    const field = snapshot.custom_fields.find((f) => f.name === "Affected services");
    const services = new Set(
      snapshot.catalog_entries.filter((e) => e.catalog_type_id === service?.id).map((e) => e.id),
    );
    const named = snapshot.incidents.flatMap((incident) =>
      incident.custom_field_entries
        .filter((entry) => entry.custom_field_id === field?.id)
        .flatMap((entry) => entry.values.map((v) => v.value_catalog_entry_id)),
    );
    expect(named.length).toBeGreaterThan(50);
    expect(named.filter((id) => !services.has(id ?? ""))).toEqual([]);
  });

  it("lists each service with its description and team, through the API", async () => {
    const reply = await get(`/v3/catalog_entries?catalog_type_id=${service?.id}&page_size=250`);
    expect(reply.status).toBe(200);
    const attributes = reply.body.catalog_type.schema.attributes as { id: string; name: string }[];
    const id = (name: string) => attributes.find((a) => a.name === name)?.id ?? "";
    const shown = reply.body.catalog_entries.map(
      (e: { name: string; attribute_values: Record<string, { value?: { label: string } }> }) => [
        e.name,
        e.attribute_values[id("Description")]?.value?.label,
        e.attribute_values[id("Team")]?.value?.label,
      ],
    );
    expect(shown).toEqual(DEMO_SERVICES.map((s) => [s.name, s.description, s.team]));
  });

  it("shows each team's services through the backlink", async () => {
    const teams = await get(`/v3/catalog_entries?catalog_type_id=${team?.id}&page_size=250`);
    const services = team?.schema?.attributes.find((a) => a.name === "Services")?.id ?? "";
    const byTeam: Record<string, string[]> = {};
    for (const entry of teams.body.catalog_entries as { id: string; name: string }[]) {
      const shown = await get(`/v3/catalog_entries/${entry.id}?expand=true`);
      const values = shown.body.catalog_entry.attribute_values[services]?.array_value ?? [];
      byTeam[entry.name] = values.map((v: { label: string }) => v.label);
    }
    const expected = Object.fromEntries(
      DEMO_TEAMS.map((name) => [name, DEMO_SERVICES.filter((s) => s.team === name).map((s) => s.name)]),
    );
    expect(byTeam).toEqual(expected);
  });

  it("is the same for the same seed, attribute IDs included", () => {
    const again = demoSnapshot({ now: NOW, seed: 7 });
    expect(again.catalog_types).toEqual(snapshot.catalog_types);
    expect(again.catalog_entries).toEqual(snapshot.catalog_entries);
  });
});
