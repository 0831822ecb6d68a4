/**
 * The web UI of a real hub in a browser: `createHub` in this process over the emulator's demo organisation, its
 * demo catalog and scorecards, the mirror backfilled from the emulator, served on a real port. Services list →
 * a service page → declare from the form → the flash names the new incident and it is in the active list; a
 * service page → an incident's page with its similar incidents and timeline.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rulesFrom } from "../../src/alerts/rules/testing.js";
import { IncidentIo } from "../../src/api/index.js";
import { demoCatalogDir } from "../../src/catalog/index.js";
import { createHub, type Hub } from "../../src/hub/create-hub.js";
import { demoScorecardsDir } from "../../src/hub/demo.js";
import { TEST_RULES, testHubConfig } from "../../src/hub/testing.js";
import { openSession } from "../../src/ops/index.js";
import type { Store } from "../../src/store/index.js";
import { openTestStore } from "../../src/store/testing/databases.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";
import { quietLogger } from "../support/quiet-logger.js";
import { browserUnavailableReason, launchBrowser, PHONE, screenshot } from "./browser.js";

const unavailable = browserUnavailableReason();
if (unavailable) console.log(unavailable);

const PAYMENTS = "component:default/payments-api";

describe.skipIf(unavailable !== undefined)("a real hub's web UI in a browser", () => {
  let t: TestEmulator | undefined;
  let store: Store | undefined;
  let hub: Hub | undefined;
  let url = "";
  let browser: Browser | undefined;
  let io: IncidentIo | undefined;

  /** Incidents in triage, live or paused whose "Affected services" include this value, per the API. */
  async function openIncidentsOf(service: string): Promise<number> {
    if (!io) throw new Error("the client was made");
    let count = 0;
    for await (const incident of io.incidents.list()) {
      if (!["triage", "live", "paused"].includes(incident.incident_status.category)) continue;
      const services = incident.custom_field_entries.find((e) => e.custom_field.name === "Affected services");
      if (services?.values.some((v) => (v.value_option?.value ?? v.value_catalog_entry?.name) === service))
        count++;
    }
    return count;
  }

  beforeAll(async () => {
    t = await startTestEmulator({ ephemeral: true, seed: "demo" });
    store = await openTestStore();
    io = new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, fetch: t.fetch, rateLimit: false });
    hub = createHub({
      logger: quietLogger(),
      config: {
        ...testHubConfig(),
        catalog: { dir: demoCatalogDir(), field: "Affected services" },
        scorecards: demoScorecardsDir(),
      },
      store,
      rules: rulesFrom(TEST_RULES),
      session: openSession(io, { alias: "demo" }),
    });
    url = await hub.start();
    await hub.mirror?.sync("demo");
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await store?.close();
    await t?.close();
  });

  it("goes from the services list to a service, declares an incident there and sees it listed", async () => {
    if (!browser || !t) throw new Error("the browser, the emulator and the hub started");
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${url}/`);
      await expect.poll(() => page.title()).toBe("Services · incidentkit");
      const row = page.locator(`tr[data-ref="${PAYMENTS}"]`);
      expect(await row.locator('td[data-label="Owner"]').textContent()).toBe("Payments");
      // Which services have open incidents depends on when the demo history was drawn: ask incident.io.
      expect(Number(await row.locator('td[data-label="Open incidents"] .count').textContent())).toBe(
        await openIncidentsOf("Payments API"),
      );
      expect(await row.locator('td[data-label="Scorecards"]').textContent()).toMatch(/^Reliability: /);
      expect(await row.locator('td[data-label="Mapping"]').textContent()).toContain(
        "Mapped as “Payments API”",
      );
      await screenshot(page, "hub-web-services-laptop");

      await row.getByRole("link", { name: "Payments API" }).click();
      await page.waitForURL(/\/services\/component%3Adefault%2Fpayments-api$/);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Payments API");
      const chart = page.locator('svg[role="img"]');
      expect(await chart.isVisible()).toBe(true);
      expect(await chart.locator("g.bar").count()).toBe(6);
      const active = page.locator("#active + table tbody tr");
      const before = await active.count();
      expect(await page.locator("#declare-field-note").textContent()).toContain(
        "Affected services = Payments API",
      );

      await page.getByLabel("Name").fill("Card payments declined");
      await page.getByLabel("Summary (optional)").fill("Declines above 30% since 14:02.");
      await page.getByLabel("Severity").selectOption({ label: "Major" });
      await page.getByRole("button", { name: "Declare incident" }).click();

      const flash = page.getByRole("status");
      await flash.waitFor();
      const created = t.emulator.incidents().find((incident) => incident.name === "Card payments declined");
      if (!created) throw new Error("the emulator has the declared incident");
      const reference = `INC-${created.number}`;
      expect(await flash.textContent()).toBe(`Incident created: ${reference}`);
      expect(await flash.getByRole("link").getAttribute("href")).toMatch(
        /^https:\/\/app\.incident\.io\/.+\/incidents\/\d+$/,
      );
      expect(await active.count()).toBe(before + 1);
      const added = page.locator(`#active + table tr[data-reference="${reference}"]`);
      expect(await added.locator('td[data-label="Name"]').textContent()).toBe("Card payments declined");
      expect(await added.locator('td[data-label="Severity"]').textContent()).toBe("Major");
      await screenshot(page, "hub-web-service-after-declare-laptop");

      await page.getByRole("link", { name: "Incidents", exact: true }).click();
      await page.waitForURL(/\/incidents$/);
      expect(
        await page.locator(`tr[data-reference="${reference}"] td[data-label="Services"]`).textContent(),
      ).toBe("Payments API");
    } finally {
      await context.close();
    }
  });

  it("goes from a service page to an incident's page: similar incidents with reasons, and the timeline", async () => {
    if (!browser) throw new Error("the browser started");
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${url}/services/${encodeURIComponent(PAYMENTS)}`);
      // A resolved incident: its status changes are in its timeline.
      const row = page
        .locator("#history + table tbody tr", { has: page.locator(".status-closed, .status-learning") })
        .first();
      const reference = await row.getAttribute("data-reference");
      await row.locator("a.ref").click();
      await page.waitForURL(/\/incidents\/[^/]+$/);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toMatch(
        new RegExp(`^${reference}: `),
      );
      expect(await page.locator(".incident-services").textContent()).toContain("Payments API");
      const similar = page.locator(".similar-incidents li.similar");
      expect(await similar.count()).toBeGreaterThan(0);
      expect(await similar.first().textContent()).toMatch(/\d+% INC-\d+ .*same service/);
      expect(await similar.first().textContent()).toMatch(/How it ended: /);
      const timeline = page.locator("#timeline ~ *").first();
      expect(await timeline.textContent()).not.toMatch(/Timeline unavailable/);
      expect(await page.locator("ol.timeline li").count()).toBeGreaterThan(0);
      expect(await page.locator("#findings + *").textContent()).toBeTruthy();
      await screenshot(page, "hub-web-incident-laptop");

      await similar.first().locator("a").first().click();
      await page.waitForURL(/\/incidents\/[^/]+$/);
      expect(await page.getByRole("heading", { level: 2, name: "Similar incidents" }).isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("fits a service page with real data on a phone", async () => {
    if (!browser) throw new Error("the browser started");
    const context = await browser.newContext(PHONE);
    try {
      const page = await context.newPage();
      await page.goto(`${url}/services/${encodeURIComponent(PAYMENTS)}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
      await screenshot(page, "hub-web-service-phone");
    } finally {
      await context.close();
    }
  });
});
