/**
 * The hub's web UI against an attacker's browser: a real hub on a real port, and Chromium with two made-up names
 * pointed at this machine. A page whose name was rebound to the hub's address (DNS rebinding) gets 403 and none
 * of the hub's pages; a page on another site that posts the declare form opens no incident; behind an HTTPS
 * proxy (`public_url`), the form posted from the public origin is accepted.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rulesFrom } from "../../src/alerts/rules/testing.js";
import { IncidentIo } from "../../src/api/index.js";
import { demoCatalogDir } from "../../src/catalog/index.js";
import { createHub, type Hub } from "../../src/hub/create-hub.js";
import { TEST_RULES, testHubConfig } from "../../src/hub/testing.js";
import { openSession } from "../../src/ops/index.js";
import type { Store } from "../../src/store/index.js";
import { openTestStore } from "../../src/store/testing/databases.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";
import { quietLogger } from "../support/quiet-logger.js";
import { browserUnavailableReason, launchBrowser } from "./browser.js";

const unavailable = browserUnavailableReason();
if (unavailable) console.log(unavailable);

const PAYMENTS = encodeURIComponent("component:default/payments-api");
const PUBLIC_URL = "https://hub.example.test";

describe.skipIf(unavailable !== undefined)("the hub's web UI against an attacker's browser", () => {
  let t: TestEmulator | undefined;
  let store: Store | undefined;
  let hub: Hub | undefined;
  let port = 0;
  let attacker: Server | undefined;
  let attackerPort = 0;
  let browser: Browser | undefined;

  beforeAll(async () => {
    t = await startTestEmulator({ ephemeral: true, seed: "demo" });
    store = await openTestStore();
    const io = new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, fetch: t.fetch, rateLimit: false });
    hub = createHub({
      logger: quietLogger(),
      config: {
        ...testHubConfig(),
        publicUrl: PUBLIC_URL,
        catalog: { dir: demoCatalogDir(), field: "Affected services" },
      },
      store,
      rules: rulesFrom(TEST_RULES),
      session: openSession(io, { alias: "demo" }),
    });
    port = Number(new URL(await hub.start()).port);
    await hub.mirror?.sync("demo");
    // The attacker's site: a page whose form posts a declare to the hub as soon as it loads.
    attacker = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<form id="f" method="post" action="http://127.0.0.1:${port}/services/${PAYMENTS}/declare">
        <input name="name" value="Planted by another site"><input name="severity" value="x">
        <input name="mode" value="standard"><input name="token" value="guessed"></form>
        <script>document.getElementById("f").submit()</script>`);
    });
    await new Promise<void>((resolve) => attacker?.listen(0, "127.0.0.1", resolve));
    attackerPort = (attacker.address() as AddressInfo).port;
    browser = await launchBrowser([
      "--host-resolver-rules=MAP rebound.test 127.0.0.1, MAP attacker.test 127.0.0.1",
    ]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (attacker ? attacker.close(() => resolve()) : resolve()));
    await hub?.close();
    await store?.close();
    await t?.close();
  });

  it("refuses a page reached under a rebound name, and serves the same page at 127.0.0.1", async () => {
    if (!browser) throw new Error("the browser started");
    const page = await browser.newPage();
    try {
      const rebound = await page.goto(`http://rebound.test:${port}/incidents`);
      expect(rebound?.status()).toBe(403);
      expect(await page.textContent("body")).toContain(
        "answers its web UI at hub.example.test and localhost only",
      );
      expect(await page.locator("tr[data-reference]").count()).toBe(0);
      const own = await page.goto(`http://127.0.0.1:${port}/incidents`);
      expect(own?.status()).toBe(200);
      expect(await page.locator("tr[data-reference]").count()).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  it("opens no incident when another site's page posts the declare form", async () => {
    if (!browser || !t) throw new Error("the browser and the emulator started");
    const before = t.emulator.incidents().length;
    const page = await browser.newPage();
    try {
      const answered = page.waitForResponse((response) => response.url().includes("/declare"));
      await page.goto(`http://attacker.test:${attackerPort}/`);
      expect((await answered).status()).toBe(403);
      expect(t.emulator.incidents().length).toBe(before);
      expect(t.emulator.incidents().some((incident) => incident.name === "Planted by another site")).toBe(
        false,
      );
    } finally {
      await page.close();
    }
  });

  it("takes the form posted from the public URL's origin, as an HTTPS proxy in front of the hub forwards it", async () => {
    if (!hub || !t) throw new Error("the hub started");
    const form = await hub.app.request(`http://127.0.0.1:${port}/services/${PAYMENTS}`);
    const html = await form.text();
    const token = /name="token" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const severity = /<option value="([^"]+)"[^>]*>\s*Major/.exec(html)?.[1] ?? "";
    const posted = await hub.app.request(`http://127.0.0.1:${port}/services/${PAYMENTS}/declare`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: PUBLIC_URL },
      body: new URLSearchParams({
        token,
        name: "Declared through the proxy",
        summary: "",
        severity,
        mode: "test",
      }),
    });
    expect(posted.status).toBe(303);
    expect(t.emulator.incidents().some((incident) => incident.name === "Declared through the proxy")).toBe(
      true,
    );
  });
});
