import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { catalogClient, expectNotFound, teamAndComponent } from "./testing/catalog-client.js";
import { testSnapshot } from "./testing.js";

/** The catalog is written through to the emulator's database: a restart finds it as it was left. */

let dataDir: string;
let t: TestEmulator;
const client = catalogClient(
  () => t,
  () => t.adminKey,
);

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "incidentkit-catalog-"));
});

afterEach(async () => {
  await t?.emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it("keeps types, schemas, values and deletions across a restart", async () => {
  t = await startTestEmulator({ dataDir, snapshot: testSnapshot() });
  const { team, service } = await teamAndComponent(client);
  const payments = await client.entry({
    catalog_type_id: team.id,
    name: "Payments",
    external_id: "payments",
  });
  const api = await client.entry({
    catalog_type_id: service.id,
    name: "Payments API",
    aliases: ["pay"],
    attribute_values: { team: { value: { literal: "payments" } }, tier: { value: { literal: "1" } } },
  });
  const gone = await client.entry({ catalog_type_id: service.id, name: "Old" });
  expect((await client.send("DELETE", `/v3/catalog_entries/${gone.id}`)).status).toBe(204);
  const before = await client.get(`/v3/catalog_entries/${payments.id}?expand=true`);
  await t.close();

  t = await startTestEmulator({ dataDir });
  expect((await client.get(`/v3/catalog_types/${service.id}`)).body.catalog_type.schema).toEqual(
    service.schema,
  );
  const after = await client.get(`/v3/catalog_entries/${payments.id}?expand=true`);
  expect(after.body).toEqual(before.body);
  expect(after.body.catalog_entry.attribute_values.services.array_value).toEqual([
    { literal: api.id, label: "Payments API" },
  ]);
  expect((await client.get(`/v3/catalog_entries/${api.id}`)).body.catalog_entry).toEqual(api);
  expectNotFound(await client.get(`/v3/catalog_entries/${gone.id}`));
  await t.close();
});
