/** The hub starts on each catalog of the corpus of real ones (test/fixtures/catalog) and shows it. */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { quietLogger } from "../../test/support/quiet-logger.js";
import { rulesFrom } from "../alerts/rules/testing.js";
import { IncidentIo } from "../api/index.js";
import { testSnapshot } from "../emulator/testing.js";
import { openSession } from "../ops/index.js";
import { openTestStore } from "../store/testing/databases.js";
import { createHub } from "./create-hub.js";
import { TEST_RULES, testHubConfig } from "./testing.js";

const CORPUS = fileURLToPath(new URL("../../test/fixtures/catalog/", import.meta.url));
const folders = readdirSync(CORPUS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot: testSnapshot() });
});

afterAll(async () => {
  await t?.close();
});

describe("the hub on real catalogs", () => {
  it.each(folders)("%s: starts, lists its Components, and shows the catalog's warnings", async (folder) => {
    const store = await openTestStore();
    const io = new IncidentIo({
      apiKey: t.adminKey,
      baseUrl: t.url,
      fetch: t.fetch,
      maxRetries: 0,
      rateLimit: false,
    });
    const dir = `${CORPUS}${folder}`;
    const hub = createHub({
      logger: quietLogger(),
      config: { ...testHubConfig(), catalog: { dir, field: "Service" } },
      store,
      rules: rulesFrom(TEST_RULES),
      session: openSession(io, { alias: "prod" }),
    });
    try {
      const { catalog } = hub.directory;
      expect(catalog.problems.filter((problem) => problem.severity === "error")).toEqual([]);
      expect(catalog.entities.length).toBeGreaterThan(0);
      const services = await hub.app.request("/");
      expect(services.status).toBe(200);
      const list = await services.text();
      for (const entity of catalog.entities) expect(list, entity.ref).toContain(`data-ref="${entity.ref}"`);
      const page = await hub.app.request("/catalog");
      expect(page.status).toBe(200);
      const text = await page.text();
      expect(text).toContain(`data-severity="warning"`);
      for (const other of catalog.others) expect(text, other.ref).toContain(`data-ref="${other.ref}"`);
    } finally {
      await hub.close();
      await store.close();
    }
  });
});
