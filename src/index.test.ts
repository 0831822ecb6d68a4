import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEmulator, type Emulator } from "./emulator/index.js";
import { IncidentIo, loadAccounts, resolveAccount } from "./index.js";

let emulator: Emulator;
let baseUrl: string;

beforeAll(async () => {
  emulator = await createEmulator({ ephemeral: true, seed: "empty" });
  baseUrl = await emulator.listen({ port: 0 });
});
afterAll(async () => {
  await emulator.close();
});

it("lets a library user start the emulator, pick an account from the environment and call the API", async () => {
  const key = emulator.createApiKey("library test", ["global_access"]);
  const env = { INCIDENT_IO_API_KEY: key.token, INCIDENT_IO_BASE_URL: baseUrl };
  const account = resolveAccount(
    loadAccounts({ configFile: join(tmpdir(), `incidentkit-none-${process.pid}`, "config.json") }, env),
  );
  const client = new IncidentIo({ ...account, rateLimit: false });
  expect((await client.identity()).name).toBe("library test");
  const categories = (await client.incidentStatuses.list()).map((status) => status.category);
  expect(categories).toContain("live");
});
