import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HubAccounts } from "../../app/hub-accounts.js";
import { HubWebData } from "./hub-data.js";
import { webRoutes } from "./routes.js";
import { type HubWorld, severityOf, startHubWorld } from "./testing/hub-world.js";

const HOUR = 3_600_000;

let world: HubWorld;

/** Text as a person reads it off the page. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

/** Checkout's incidents: in the past 90 days a Critical resolved in 1 h, Majors in 2, 4 and 6 h, an open Minor. */
async function seed(): Promise<void> {
  const sev = (name: string) => severityOf(world.snapshot, name);
  const resolvedAfter = (daysAgo: number, hours: number) =>
    new Date(world.now - daysAgo * 86_400_000 + hours * HOUR).toISOString();
  await world.mirrorIncident({ daysAgo: 10, severity: sev("Critical"), resolvedAt: resolvedAfter(10, 1) });
  await world.mirrorIncident({ daysAgo: 20 });
  await world.mirrorIncident({ daysAgo: 30, resolvedAt: resolvedAfter(30, 4) });
  await world.mirrorIncident({ daysAgo: 40, resolvedAt: resolvedAfter(40, 6) });
  await world.mirrorIncident({
    daysAgo: 50,
    severity: sev("Minor"),
    status: { id: "st-live", name: "Fixing", category: "live" },
    resolvedAt: null,
  });
  await world.mirrorIncident({ daysAgo: 100 });
  await world.mirrorIncident({ daysAgo: 15, mode: "test", resolvedAt: resolvedAfter(15, 50) });
}

beforeAll(async () => {
  world = await startHubWorld();
  await seed();
});
afterAll(() => world?.close());

describe("the analytics page", () => {
  it("computes time to resolve by severity with priorities, by service, and incidents per month", async () => {
    const model = await world.data.analytics({});
    expect(model.query).toEqual({ since: "90d", by: "service", account: null });
    expect(model.problems).toEqual([]);
    const rows = model.bySeverity.rows.map((row) => [
      row.label,
      row.priority,
      row.meanSeconds,
      row.medianSeconds,
      row.p95Seconds,
      row.resolved,
      row.open,
    ]);
    expect(rows).toEqual([
      ["Critical", "P0", 3600, 3600, 3600, 1, 0],
      ["Major", "P1", 4 * 3600, 4 * 3600, 6 * 3600, 3, 0],
      ["Minor", "P2", null, null, null, 0, 1],
    ]);
    expect(model.bySeverity.excluded).toBe(1);
    expect(model.byGroup?.rows).toEqual([
      expect.objectContaining({ label: "Checkout", resolved: 4, open: 1, meanSeconds: 3.25 * 3600 }),
    ]);
    const charted = model.perMonth.months.flatMap((month) => Object.values(month.counts));
    expect(charted.reduce((sum, n) => sum + n, 0)).toBe(5);
    expect(model.perMonth.severities.map((s) => s.name)).toEqual(["Minor", "Major", "Critical"]);
  });

  it("narrows to the window asked for, and groups by team", async () => {
    const model = await world.data.analytics({ since: "25d", by: "team" });
    expect(model.bySeverity.rows.map((row) => [row.label, row.resolved, row.meanSeconds])).toEqual([
      ["Critical", 1, 3600],
      ["Major", 1, 2 * 3600],
    ]);
    expect(model.byGroup?.rows.map((row) => [row.label, row.resolved])).toEqual([["Shop team", 2]]);
  });

  it("renders the tables, the chart and the form, and explains a window it cannot use", async () => {
    const app = webRoutes(world.data, { clock: world.clock });
    const response = await app.request("/analytics");
    expect(response.status).toBe(200);
    const html = await response.text();
    const shown = text(html);
    expect(shown).toContain("Major P1 4h 4h 6h 3 0");
    expect(shown).toContain("Critical P0 1h 1h 1h 1 0");
    // 1, 2, 4 and 6 h: mean 3h 15m, median 3h (the middle two averaged), p95 6h.
    expect(shown).toContain("Checkout 3h 15m 3h 6h 4 1");
    expect(html).toContain('<a href="/analytics" aria-current="page">Analytics</a>');
    expect(html).toMatch(/<svg[^>]*aria-label="Incidents per month, [^"]*5 in all/);
    const bad = text(await (await app.request("/analytics?since=forever&by=team")).text());
    expect(bad).toContain(
      "The window: expected a duration like 30s, 15m, 2h, 1d or 2w; ignored “forever”, showing 90d.",
    );
    expect(bad).toContain("Time to resolve by team");
    expect(bad).toContain("Shop team");
  });
});

// Last: it changes the mirror the tests above read.
describe("the analytics page's cost", () => {
  it("is worked out once per snapshot and query, however many ask, and again once an incident changed", async () => {
    const first = await world.data.analytics({ since: "30d" });
    expect(await world.data.analytics({ since: "30d" })).toBe(first);
    expect(await world.data.analytics({ since: "31d" })).not.toBe(first);
    await world.mirrorIncident({ daysAgo: 1, name: "Checkout incident, changed since" });
    expect(await world.data.analytics({ since: "30d" })).not.toBe(first);
  });

  it("looks for changed incidents at most every `analyticsFreshMs`", async () => {
    const data = new HubWebData({
      directory: world.directory,
      store: world.store,
      accounts: new HubAccounts(world.session),
      sources: [],
      clock: world.clock,
      analyticsFreshMs: 1000,
    });
    const first = await data.analytics({ since: "21d" });
    await world.mirrorIncident({ daysAgo: 2, name: "Checkout incident, within the second" });
    world.clock.advance(999);
    expect(await data.analytics({ since: "21d" })).toBe(first);
    world.clock.advance(1);
    const later = await data.analytics({ since: "21d" });
    expect(later).not.toBe(first);
    expect(later.bySeverity.all.resolved + later.bySeverity.all.open).toBe(
      first.bySeverity.all.resolved + first.bySeverity.all.open + 1,
    );
  });
});
