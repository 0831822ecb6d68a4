/**
 * The web UI's pages as a browser shows them, on a real hub over the emulator's demo organisation: an incident's
 * summary and updates rendered from Markdown with hostile Markdown inert (nothing runs, nothing loads from
 * elsewhere, no policy violation) and its findings shown once; service pages at the references `catalog list`
 * prints; a System's page linking to its Components' forms; `/changes` as a page; a 404 page with the way back;
 * the history table on a 1366 px laptop without wrapped links or times. Screenshots go to test-artifacts/.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rulesFrom } from "../../src/alerts/rules/testing.js";
import { IncidentIo } from "../../src/api/index.js";
import { investigate } from "../../src/app/investigations/index.js";
import { demoCatalogDir } from "../../src/catalog/index.js";
import { createHub, type Hub } from "../../src/hub/create-hub.js";
import { demoScorecardsDir } from "../../src/hub/demo.js";
import { ADMIN_TOKEN, TEST_RULES, testHubConfig } from "../../src/hub/testing.js";
import {
  createInvestigation,
  FINDINGS_TITLE,
  findingsMarkdown,
  saveReport,
} from "../../src/investigate/investigation/index.js";
import { appendFinding } from "../../src/ops/findings.js";
import { closeIncident } from "../../src/ops/incidents.js";
import { type OpsSession, openSession } from "../../src/ops/index.js";
import { systemClock } from "../../src/shared/clock.js";
import type { Store } from "../../src/store/index.js";
import { openTestStore } from "../../src/store/testing/databases.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";
import { quietLogger } from "../support/quiet-logger.js";
import { browserUnavailableReason, launchBrowser, PHONE, screenshot } from "./browser.js";

const unavailable = browserUnavailableReason();
if (unavailable) console.log(unavailable);

const PAYMENTS = "component:default/payments-api";
/** A responder's summary with every trick a hostile one could try. */
const SUMMARY = [
  "**Card payments declined** above 30% since 14:02.",
  "Dashboard: [p99 latency](https://grafana.example.com/d/payments) · <https://status.example.com>",
  "",
  "- [watch this](javascript:alert(1)) and [this](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  '- <script>alert("script")</script> <img src=https://tracker.example/x.gif onerror=alert("img")>',
  "- ![tracking pixel](https://tracker.example/p.gif) and <javascript:alert(2)>",
].join("\n");
const UPDATE = "Rolled back **payments v42**; see [the run](https://ci.example.com/runs/42).";

describe.skipIf(unavailable !== undefined)("the hub's pages in a browser", () => {
  let t: TestEmulator | undefined;
  let store: Store | undefined;
  let hub: Hub | undefined;
  let session: OpsSession | undefined;
  let url = "";
  let browser: Browser | undefined;

  beforeAll(async () => {
    t = await startTestEmulator({ ephemeral: true, seed: "demo" });
    store = await openTestStore();
    const io = new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, fetch: t.fetch, rateLimit: false });
    session = openSession(io, { alias: "demo" });
    hub = createHub({
      logger: quietLogger(),
      config: {
        ...testHubConfig(),
        catalog: { dir: demoCatalogDir(), field: "Affected services" },
        scorecards: demoScorecardsDir(),
      },
      store,
      rules: rulesFrom(TEST_RULES),
      session,
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

  /** A page that records what must never happen: a script's dialog, a request elsewhere, a policy violation. */
  async function watchedPage(options: Parameters<Browser["newContext"]>[0]) {
    if (!browser) throw new Error("the browser started");
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const seen = { dialogs: [] as string[], elsewhere: [] as string[], violations: [] as string[] };
    page.on("dialog", (dialog) => {
      seen.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on("request", (request) => {
      if (!request.url().startsWith(url)) seen.elsewhere.push(request.url());
    });
    page.on("console", (message) => {
      if (/Content.Security.Policy/i.test(message.text())) seen.violations.push(message.text());
    });
    return { page, seen, close: () => context.close() };
  }

  /** An open incident of Payments API, its summary set to `SUMMARY`, investigated, its findings appended. */
  async function preparedIncident(): Promise<{ id: string; findingsSummary: string }> {
    if (!store || !session || !hub) throw new Error("the hub started");
    let incident: { id: string } | undefined;
    for await (const candidate of session.io.incidents.list()) {
      if (candidate.incident_status.category === "live") {
        incident = candidate;
        break;
      }
    }
    if (!incident) throw new Error("the demo has a live incident");
    await session.io.incidents.edit(incident.id, {
      notify_incident_channel: false,
      incident: { summary: SUMMARY },
    });
    const deps = { store, session, directory: hub.directory, clock: systemClock };
    const report = await investigate(deps, incident.id);
    const investigation = await createInvestigation(
      store,
      { account: "demo", id: incident.id },
      "cli",
      report.generatedAt,
    );
    await saveReport(store, investigation, report);
    await appendFinding(session, incident.id, {
      title: FINDINGS_TITLE,
      body: findingsMarkdown(report),
      source: "incidentkit cli investigation",
    });
    await closeIncident(session, incident.id, { message: UPDATE });
    await hub.mirror?.refresh("demo", incident.id);
    return { id: incident.id, findingsSummary: report.summary };
  }

  it("shows an incident's summary and updates as formatted text, hostile Markdown inert, findings once", async () => {
    const { id, findingsSummary } = await preparedIncident();
    const { page, seen, close } = await watchedPage({ viewport: { width: 1366, height: 900 } });
    try {
      const response = await page.goto(`${url}/incidents/${id}`);
      expect(response?.status()).toBe(200);
      const summary = page.locator(".markdown.summary");
      expect(await summary.locator("strong").first().textContent()).toBe("Card payments declined");
      const hrefs = await summary
        .locator("a")
        .evaluateAll((links) =>
          links.map((link) => [link.getAttribute("href"), link.getAttribute("rel"), link.textContent]),
        );
      expect(hrefs).toEqual([
        ["https://grafana.example.com/d/payments", "noopener noreferrer nofollow", "p99 latency"],
        ["https://status.example.com", "noopener noreferrer nofollow", "https://status.example.com"],
        // The <img> tag is text, and the address in it a link like any other written out.
        ["https://tracker.example/x.gif", "noopener noreferrer nofollow", "https://tracker.example/x.gif"],
        ["https://tracker.example/p.gif", "noopener noreferrer nofollow", "tracking pixel (image)"],
      ]);
      const shown = ((await summary.textContent()) ?? "").replace(/\s+/g, " ");
      expect(shown).toContain("[watch this](javascript:alert(1))");
      expect(shown).toContain('<script>alert("script")</script>');
      expect(shown).toContain("<javascript:alert(2)>");
      expect(await page.locator("main script, main img, main iframe").count()).toBe(0);
      expect(await page.locator('a[href^="javascript:"], a[href^="data:"]').count()).toBe(0);

      // The findings appended to the summary are shown once: under Findings, not again in the summary.
      expect(shown).not.toContain(FINDINGS_TITLE);
      expect(await page.locator(".findings-note").isVisible()).toBe(true);
      const body = (await page.locator("main").textContent()) ?? "";
      expect(body.split(findingsSummary)).toHaveLength(2);
      expect(await page.locator("#findings + .findings").textContent()).toContain(findingsSummary);

      const update = page.locator(".markdown.update-message", { hasText: "Rolled back" });
      expect(await update.locator("strong").textContent()).toBe("payments v42");
      expect(await update.locator("a").getAttribute("href")).toBe("https://ci.example.com/runs/42");

      await screenshot(page, "hub-web-incident-markdown-laptop");
      expect(seen).toEqual({ dialogs: [], elsewhere: [], violations: [] });
    } finally {
      await close();
    }
    const phone = await watchedPage(PHONE);
    try {
      await phone.page.goto(`${url}/incidents/${id}`);
      expect(await phone.page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
        390,
      );
      await screenshot(phone.page, "hub-web-incident-markdown-phone");
      expect(phone.seen).toEqual({ dialogs: [], elsewhere: [], violations: [] });
    } finally {
      await phone.close();
    }
  });

  it("opens a service page at the reference catalog list prints, and at the full one as written", async () => {
    const { page, close } = await watchedPage({ viewport: { width: 1366, height: 900 } });
    try {
      for (const path of ["/services/component:payments-api", "/services/component:default/payments-api"]) {
        const response = await page.goto(`${url}${path}`);
        expect(response?.status(), path).toBe(200);
        expect(await page.getByRole("heading", { level: 1 }).textContent(), path).toBe("Payments API");
        expect(await page.locator("form.declare").getAttribute("action"), path).toBe(
          `/services/${encodeURIComponent(PAYMENTS)}/declare`,
        );
      }
    } finally {
      await close();
    }
  });

  it("keeps the history table's links and times on one line at 1366 px", async () => {
    const { page, close } = await watchedPage({ viewport: { width: 1366, height: 900 } });
    try {
      await page.goto(`${url}/services/${encodeURIComponent(PAYMENTS)}`);
      const rows = page.locator("#history + table tbody tr");
      expect(await rows.count()).toBeGreaterThan(5);
      // An inline element broken over two lines has two boxes.
      const broken = await page
        .locator("#history + table")
        .evaluate((table) =>
          [...table.querySelectorAll("a.external, time")]
            .filter((element) => element.getClientRects().length !== 1)
            .map((element) => element.textContent),
        );
      expect(broken).toEqual([]);
      // The reference and its incident.io link share a line.
      const apart = await rows.evaluateAll(
        (trs) =>
          trs.filter((tr) => {
            const ref = tr.querySelector("a.ref")?.getBoundingClientRect();
            const external = tr.querySelector("a.external")?.getBoundingClientRect();
            return ref && external && Math.abs(ref.top - external.top) > 2;
          }).length,
      );
      expect(apart).toBe(0);
      await page.locator("#history").scrollIntoViewIfNeeded();
      await screenshot(page, "hub-web-service-history-1366");
    } finally {
      await close();
    }
  });

  it("offers no declare form on a System's page, and leads to its Components' forms", async () => {
    const { page, close } = await watchedPage({ viewport: { width: 1366, height: 900 } });
    try {
      await page.goto(`${url}/services/system:fulfilment`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Fulfilment");
      expect(await page.locator("form.declare").count()).toBe(0);
      expect(await page.locator("main").textContent()).not.toContain("will not show here");
      const parts = page.locator(".declare-on-parts li");
      expect(await parts.count()).toBeGreaterThan(0);
      await page.locator("#declare").scrollIntoViewIfNeeded();
      await screenshot(page, "hub-web-system-declare-laptop");
      const part = (await parts.first().locator("a").first().textContent()) ?? "";
      await parts.first().getByRole("link", { name: "declare there" }).click();
      await page.waitForURL(/\/services\/component%3A.+#declare$/);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(part);
      expect(await page.locator("form.declare").isVisible()).toBe(true);
    } finally {
      await close();
    }
  });

  it("shows /changes as a page to a browser while pipelines get JSON", async () => {
    const posted = await fetch(`${url}/changes`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        service: "payments-api",
        kind: "deploy",
        description: "payments v43",
        author: "dana",
        link: "https://ci.example.com/runs/43",
        environment: "production",
      }),
    });
    expect(posted.status).toBe(201);
    const machine = await fetch(`${url}/changes`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(machine.headers.get("content-type")).toContain("application/json");
    const { page, seen, close } = await watchedPage({ viewport: { width: 1366, height: 900 } });
    try {
      const response = await page.goto(`${url}/changes`);
      expect(response?.status()).toBe(200);
      expect(await page.title()).toBe("Changes · incidentkit");
      const row = page.locator("table.changes tbody tr", { hasText: "payments v43" });
      expect(await row.locator('td[data-label="Service"]').textContent()).toBe("Payments API");
      await page.locator("#changes-service").selectOption({ label: "Payments API" });
      await page.getByRole("button", { name: "Show" }).click();
      await page.waitForURL(/\/changes\?service=component%3Adefault%2Fpayments-api/);
      expect(await page.locator("table.changes tbody tr").count()).toBe(1);
      await screenshot(page, "hub-web-changes-laptop");
      expect(seen.violations).toEqual([]);
    } finally {
      await close();
    }
  });

  it("answers an unknown address with a page that leads back, and leaves the API's answers alone", async () => {
    const { page, close } = await watchedPage({ viewport: { width: 1366, height: 900 } });
    try {
      const missing = await page.goto(`${url}/servics/payments-api`);
      expect(missing?.status()).toBe(404);
      expect(missing?.headers()["content-type"]).toContain("text/html");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
      await screenshot(page, "hub-web-not-found-laptop");
      await page.locator(".way-back").getByRole("link", { name: "Incidents" }).click();
      await page.waitForURL(/\/incidents$/);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Incidents");

      const health = await page.goto(`${url}/healthz`);
      expect(health?.headers()["content-type"]).toContain("application/json");
      for (const path of ["/webhooks/incident-io", "/alerts/01J0000000000000000000000", "/changes/nothing"]) {
        const answer = await page.goto(`${url}${path}`);
        expect(answer?.status(), path).toBeGreaterThanOrEqual(400);
        expect(answer?.headers()["content-type"], path).not.toContain("text/html");
      }
    } finally {
      await close();
    }
  });
});
