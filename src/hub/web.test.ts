import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { quietLogger } from "../../test/support/quiet-logger.js";
import { rulesFrom } from "../alerts/rules/testing.js";
import { IncidentIo } from "../api/index.js";
import { testSnapshot } from "../emulator/testing.js";
import { CATALOG } from "../faces/web/testing/hub-world.js";
import { openSession } from "../ops/index.js";
import type { Store } from "../store/index.js";
import { openTestStore } from "../store/testing/databases.js";
import { createHub, type Hub } from "./create-hub.js";
import { ADMIN_TOKEN, exampleBody, PROM_TOKEN, TEST_RULES, testHubConfig } from "./testing.js";

let dir: string;
let t: TestEmulator;
let store: Store;
let hub: Hub | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "incidentkit-hub-web-"));
  mkdirSync(join(dir, "catalog"));
  writeFileSync(join(dir, "catalog", "catalog-info.yaml"), CATALOG);
  t = await startTestEmulator({ ephemeral: true, snapshot: testSnapshot() });
  store = await openTestStore();
});

afterEach(async () => {
  await hub?.close();
  hub = undefined;
  await store.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

function start(catalogDir = join(dir, "catalog")): Hub {
  const io = new IncidentIo({
    apiKey: t.adminKey,
    baseUrl: t.url,
    fetch: t.fetch,
    maxRetries: 0,
    rateLimit: false,
  });
  return createHub({
    logger: quietLogger(),
    config: { ...testHubConfig(), catalog: { dir: catalogDir, field: "Service" } },
    store,
    rules: rulesFrom(TEST_RULES),
    session: openSession(io, { alias: "prod" }),
  });
}

const type = (response: Response) => response.headers.get("content-type") ?? "";

describe("the hub's web UI beside its API", () => {
  it("serves the pages at / and keeps /alerts/:source, /alerts/:id, /healthz and /metrics as they were", async () => {
    hub = start();
    const services = await hub.app.request("/");
    expect(services.status).toBe(200);
    expect(type(services)).toContain("text/html");
    expect(await services.text()).toContain('data-ref="component:default/checkout"');

    const posted = await hub.app.request("/alerts/prometheus", {
      method: "POST",
      body: exampleBody("alertmanager-firing"),
      headers: { "content-type": "application/json", authorization: `Bearer ${PROM_TOKEN}` },
    });
    expect(posted.status).toBe(202);
    const { alerts } = (await posted.json()) as { alerts: Array<{ id: string }> };
    const id = alerts[0]?.id ?? "";

    const page = await hub.app.request("/alerts");
    expect(page.status).toBe(200);
    expect(type(page)).toContain("text/html");
    expect(await page.text()).toContain(`data-alert="${id}"`);

    const detail = await hub.app.request(`/alerts/${id}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(detail.status).toBe(200);
    expect(type(detail)).toContain("application/json");
    expect(((await detail.json()) as { alert: { id: string } }).alert.id).toBe(id);
    expect((await hub.app.request(`/alerts/${id}`)).status).toBe(401);

    expect((await hub.app.request("/healthz")).status).toBe(200);
    expect(type(await hub.app.request("/metrics"))).toContain("text/plain");
    for (const path of [
      "/incidents",
      "/sync",
      `/services/${encodeURIComponent("component:default/checkout")}`,
    ]) {
      const response = await hub.app.request(path);
      expect(response.status, path).toBe(200);
      expect(type(response), path).toContain("text/html");
    }
    expect((await hub.app.request("/services/nothing")).status).toBe(404);
  });

  it("starts on a catalog with problems, leaving out the entity with an error; /catalog lists them", async () => {
    const broken = join(dir, "broken");
    mkdirSync(broken);
    writeFileSync(join(broken, "catalog-info.yaml"), CATALOG);
    writeFileSync(
      join(broken, "orphan.yaml"),
      "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: orphan }\nspec: { type: service }\n",
    );
    writeFileSync(join(broken, "mkdocs.yml"), "site_name: Docs\nnav:\n  - Home: index.md\n");
    hub = start(broken);
    expect(hub.directory.entity("component:default/orphan")).toBeUndefined();
    expect(hub.directory.entity("component:default/checkout")).toBeDefined();
    const page = await hub.app.request("/catalog");
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain(`${join(broken, "orphan.yaml")}:4:1`);
    expect(text).toContain("required: Backstage requires an owner for a Component");
    expect(text).toContain("1 file skipped (not Backstage)");
    expect(text).toContain(join(broken, "mkdocs.yml"));
  });
});
