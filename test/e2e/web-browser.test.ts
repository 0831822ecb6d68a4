import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webRoutes } from "../../src/faces/web/routes.js";
import { demoWebData } from "../../src/faces/web/testing/fixtures.js";
import type { InMemoryWebData } from "../../src/faces/web/testing/memory-data.js";
import { listen, type RunningServer } from "../../src/hub/server.js";
import { browserUnavailableReason, launchBrowser, PHONE, screenshot } from "./browser.js";

const unavailable = browserUnavailableReason();
if (unavailable) console.log(unavailable);

describe.skipIf(unavailable !== undefined)("the web UI in a browser", () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let data: InMemoryWebData;

  beforeAll(async () => {
    data = demoWebData(Date.now());
    server = await listen(webRoutes(data), "127.0.0.1", 0);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("goes from the services list to a service, declares an incident and sees it listed", async () => {
    if (!browser || !server) throw new Error("the browser and the server started");
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await expect.poll(() => page.title()).toBe("Services · incidentkit");
      const row = page.locator('tr[data-ref="component:default/payments-api"]');
      await expect.poll(() => row.locator('td[data-label="Owner"]').textContent()).toBe("Payments team");
      await screenshot(page, "web-services-laptop");

      await row.getByRole("link", { name: "Payments API" }).click();
      await page.waitForURL(/\/services\/component%3Adefault%2Fpayments-api$/);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Payments API");
      const chart = page.locator('svg[role="img"]');
      expect(await chart.isVisible()).toBe(true);
      expect(await chart.getAttribute("aria-label")).toMatch(/^Incidents per month, .* 5 in all\./);
      expect(await chart.locator("g.bar").count()).toBe(6);
      expect((await chart.boundingBox())?.height ?? 0).toBeGreaterThan(100);
      expect(await page.locator("#active + table tbody tr").count()).toBe(1);

      await page.getByLabel("Name").fill("Checkout declines spiking");
      await page.getByLabel("Summary (optional)").fill("Card declines above 30% since 14:02.");
      await page.getByLabel("Severity").selectOption({ label: "Major" });
      await page.getByLabel("Test (marked as a test in incident.io)").check();
      await page.getByRole("button", { name: "Declare incident" }).click();

      const flash = page.getByRole("status");
      await flash.waitFor();
      expect(await flash.textContent()).toBe("Incident created: INC-102");
      expect(await flash.getByRole("link").getAttribute("href")).toBe(
        "https://app.incident.io/acme/incidents/102",
      );
      const active = page.locator("#active + table tbody tr");
      expect(await active.count()).toBe(2);
      const added = page.locator('#active + table tr[data-reference="INC-102"]');
      expect(await added.locator('td[data-label="Name"]').textContent()).toBe("Checkout declines spiking");
      expect(await added.locator('td[data-label="Severity"]').textContent()).toBe("Major");
      expect(data.state.incidents.find((i) => i.reference === "INC-102")?.mode).toBe("test");
      await screenshot(page, "web-service-after-declare-laptop");
    } finally {
      await context.close();
    }
  });

  it("shows the form's errors in the browser and keeps what was typed", async () => {
    if (!browser || !server) throw new Error("the browser and the server started");
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/services/${encodeURIComponent("component:default/checkout-web")}`);
      await page.getByLabel("Summary (optional)").fill("kept text");
      await page.getByRole("button", { name: "Declare incident" }).click();
      await page.getByRole("alert").waitFor();
      expect(await page.locator("#declare-name-error").textContent()).toContain("Give the incident a name");
      expect(await page.getByLabel("Summary (optional)").inputValue()).toBe("kept text");
    } finally {
      await context.close();
    }
  });

  it("lays tables out as cards on a phone", async () => {
    if (!browser || !server) throw new Error("the browser and the server started");
    const context = await browser.newContext(PHONE);
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      const row = page.locator('tr[data-ref="component:default/payments-api"]');
      expect(await page.locator("thead").first().boundingBox()).toMatchObject({ width: 1 });
      const box = await row.boundingBox();
      expect(box?.width ?? 0).toBeLessThanOrEqual(390);
      expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
      await screenshot(page, "web-services-phone");
      await row.getByRole("link", { name: "Payments API" }).click();
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
      await screenshot(page, "web-service-phone");
    } finally {
      await context.close();
    }
  });
});
