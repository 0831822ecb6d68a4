/**
 * Browsers and machines at the same addresses of a hub: `/changes` is a page for a browser and JSON for a
 * pipeline; an address nobody serves is a page with the way back for a browser, while the API's addresses keep
 * the JSON and text answers their clients expect.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import { ADMIN_TOKEN, TEST_RULES, testHubConfig } from "./testing.js";

/** What Chromium sends when it opens an address. */
const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

let dir: string;
let t: TestEmulator;
let store: Store;
let hub: Hub;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "incidentkit-hub-negotiation-"));
  mkdirSync(join(dir, "catalog"));
  writeFileSync(join(dir, "catalog", "catalog-info.yaml"), CATALOG);
  t = await startTestEmulator({ ephemeral: true, snapshot: testSnapshot() });
  store = await openTestStore();
  const io = new IncidentIo({
    apiKey: t.adminKey,
    baseUrl: t.url,
    fetch: t.fetch,
    maxRetries: 0,
    rateLimit: false,
  });
  hub = createHub({
    logger: quietLogger(),
    config: { ...testHubConfig(), catalog: { dir: join(dir, "catalog"), field: "Service" } },
    store,
    rules: rulesFrom(TEST_RULES),
    session: openSession(io, { alias: "prod" }),
  });
}, 30_000);

afterAll(async () => {
  await hub?.close();
  await store?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const type = (response: Response) => response.headers.get("content-type") ?? "";
const get = (path: string, headers: Record<string, string> = {}) => hub.app.request(path, { headers });

describe("/changes", () => {
  it("records a change from a pipeline and lists it as JSON for the token's holder", async () => {
    const posted = await hub.app.request("/changes", {
      method: "POST",
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        "content-type": "application/json",
        accept: BROWSER,
      },
      body: JSON.stringify({ service: "checkout", kind: "deploy", description: "checkout v42" }),
    });
    expect(posted.status).toBe(201);
    // A token means a machine, whatever it accepts.
    for (const accept of [BROWSER, "application/json", "*/*"]) {
      const listed = await get("/changes", { authorization: `Bearer ${ADMIN_TOKEN}`, accept });
      expect(listed.status, accept).toBe(200);
      expect(type(listed), accept).toContain("application/json");
      const { changes } = (await listed.json()) as { changes: Array<{ description: string }> };
      expect(changes.map((change) => change.description)).toEqual(["checkout v42"]);
    }
  });

  it("refuses a machine without a token, in JSON, as before", async () => {
    for (const headers of [{}, { accept: "*/*" }, { accept: "application/json" }] as Array<
      Record<string, string>
    >) {
      const refused = await get("/changes", headers);
      expect(refused.status).toBe(401);
      expect(type(refused)).toContain("application/json");
    }
  });

  it("shows a browser the page of recent changes", async () => {
    const page = await get("/changes", { accept: BROWSER });
    expect(page.status).toBe(200);
    expect(type(page)).toContain("text/html");
    const html = await page.text();
    expect(html).toContain("<title>Changes · incidentkit</title>");
    expect(html).toContain("checkout v42");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
  });
});

describe("an address the hub does not serve", () => {
  it("is a page with the way back for a browser", async () => {
    const missing = await get("/no/such/page", { accept: BROWSER });
    expect(missing.status).toBe(404);
    expect(type(missing)).toContain("text/html");
    const html = await missing.text();
    expect(html).toContain("<h1>Page not found</h1>");
    expect(html).toContain("<code>/no/such/page</code>");
    for (const href of ["/", "/incidents", "/alerts", "/changes", "/sync", "/catalog"]) {
      expect(html).toContain(`<a href="${href}">`);
    }
  });

  it("stays plain text for a machine", async () => {
    const missing = await get("/no/such/page", { accept: "*/*" });
    expect(missing.status).toBe(404);
    expect(type(missing)).not.toContain("text/html");
  });

  it("leaves the API's answers alone, even for a browser", async () => {
    const alert = await get("/alerts/01J0000000000000000000000", {
      accept: BROWSER,
      authorization: `Bearer ${ADMIN_TOKEN}`,
    });
    expect(alert.status).toBe(404);
    expect(type(alert)).toContain("application/json");
    const health = await get("/healthz", { accept: BROWSER });
    expect(type(health)).toContain("application/json");
    for (const path of [
      "/webhooks/incident-io",
      "/alerts/prometheus/extra",
      "/changes/nothing",
      "/mcp/nothing",
    ]) {
      const answer = await get(path, { accept: BROWSER });
      expect(answer.status, path).toBe(404);
      expect(type(answer), path).not.toContain("text/html");
    }
  });
});
