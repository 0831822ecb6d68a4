import { describe, expect, it } from "vitest";
import type { ManualClock } from "../../shared/clock.js";
import { IncidentKitError } from "../../shared/errors.js";
import { webRoutes } from "./routes.js";
import { demoWebData, FAILING_EXPLANATION, PAYMENTS_REF, SEARCH_REF } from "./testing/fixtures.js";
import { InMemoryWebData } from "./testing/memory-data.js";

const now = Date.parse("2026-11-23T12:00:00Z");
const clock = { now: () => now, sleep: async () => {} } as unknown as ManualClock;
const servicePath = (ref: string) => `/services/${encodeURIComponent(ref)}`;

async function page(app: ReturnType<typeof webRoutes>, path: string) {
  const response = await app.request(path);
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** The page's text as a person reads it: tags dropped, entities decoded. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe("the services list", () => {
  it("shows each service with its owner, open incidents, worst severity, scorecard level and mapping", async () => {
    const { status, html } = await page(webRoutes(demoWebData(now), { clock }), "/");
    expect(status).toBe(200);
    const row = html.match(/<tr data-ref="component:default\/payments-api">.*?<\/tr>/)?.[0] ?? "";
    expect(text(row)).toContain("Payments API");
    expect(text(row)).toContain("Payments team");
    expect(text(row)).toMatch(/ 1 Critical /);
    expect(text(row)).toContain("Reliability: Bronze");
    expect(text(row)).toContain("Mapped as “Payments API”");
    expect(row).toContain(`href="${servicePath(PAYMENTS_REF)}"`);
    const unmapped = html.match(/<tr data-ref="component:default\/search-api">.*?<\/tr>/)?.[0] ?? "";
    expect(text(unmapped)).toContain("Not mapped");
    expect(html).toMatch(/<a href="\/" aria-current="page">Services<\/a>/);
  });

  it("says how to add services when the catalog is empty", async () => {
    const data = demoWebData(now);
    data.state.services = [];
    const { html } = await page(webRoutes(data, { clock }), "/");
    expect(text(html)).toContain("No services yet: add catalog files");
    expect(text(html)).toContain("catalog/");
  });
});

describe("a service page", () => {
  it("shows details, active incidents linking to their pages and to incident.io, MTTR, the chart and the failing rule", async () => {
    const { status, html } = await page(webRoutes(demoWebData(now), { clock }), servicePath(PAYMENTS_REF));
    expect(status).toBe(200);
    const shown = text(html);
    expect(html).toContain("<h1>Payments API</h1>");
    expect(shown).toContain("Owner Payments team");
    expect(shown).toContain("Depends on Checkout web");
    expect(shown).toContain("Active incidents (1)");
    expect(html).toContain('<a href="/incidents/01DEMO101" class="ref">INC-101</a>');
    expect(html).toContain(
      '<a href="https://app.incident.io/acme/incidents/101" class="small external" aria-label="INC-101 in incident.io">',
    );
    expect(shown).toContain("MTTR, mean 3h");
    expect(html).toMatch(
      /<svg[^>]*role="img"[^>]*aria-label="Incidents per month, June 2026 to November 2026, 5 in all/,
    );
    expect(shown).toContain(`To reach Silver, fix: Fail Few major incidents (Silver) ${FAILING_EXPLANATION}`);
    expect(shown).toContain("The incident gets Affected services = Payments API");
    expect(html).toMatch(
      /<time datetime="2026-11-23T10:00:00.000Z" title="2026-11-23 10:00 UTC">2h ago<\/time>/,
    );
  });

  it("pages the incident history", async () => {
    const data = demoWebData(now);
    const first = data.state.incidents[1];
    if (!first) throw new Error("the fixture has incidents");
    for (let n = 0; n < 12; n++)
      data.state.incidents.push({ ...first, id: `x${n}`, reference: `INC-${200 + n}` });
    const app = webRoutes(data, { clock });
    const one = await page(app, servicePath(PAYMENTS_REF));
    expect(text(one.html)).toContain("Showing 1–10 of 17");
    const two = await page(app, `${servicePath(PAYMENTS_REF)}?history_page=2`);
    expect(text(two.html)).toContain("Showing 11–17 of 17");
    expect(two.html).toContain('rel="prev"');
  });

  it("is found by name too, and says so when nothing has the reference", async () => {
    const app = webRoutes(demoWebData(now), { clock });
    expect((await page(app, "/services/payments-api")).status).toBe(200);
    const missing = await page(app, servicePath("component:default/nope"));
    expect(missing.status).toBe(404);
    expect(text(missing.html)).toContain("No catalog entity has the reference “component:default/nope”");
  });

  it("says since when each scorecard's level holds and what it was before, when a run recorded it", async () => {
    const data = demoWebData(now);
    const card = data.state.services[0]?.scorecards?.[0];
    if (!card) throw new Error("the fixture's payments service has a scorecard");
    const before = text((await page(webRoutes(data, { clock }), servicePath(PAYMENTS_REF))).html);
    expect(before).not.toContain(" since ");
    card.since = { at: "2026-06-01T09:00:00.000Z", previous: "Silver" };
    const { html } = await page(webRoutes(data, { clock }), servicePath(PAYMENTS_REF));
    expect(text(html)).toContain("Bronze since 2026-06-01 (was Silver)");
    expect(html).toContain('<time datetime="2026-06-01T09:00:00.000Z" title="2026-06-01 09:00 UTC">');
  });

  it("explains an unmapped service with no incidents", async () => {
    const { html } = await page(webRoutes(demoWebData(now), { clock }), servicePath(SEARCH_REF));
    expect(text(html)).toContain("No active incidents.");
    expect(text(html)).toContain("No incidents are mapped to this service yet.");
    expect(text(html)).toContain("No custom field maps incidents to this service");
  });
});

describe("escaping", () => {
  it("shows hostile incident names as text and never links to javascript: addresses", async () => {
    const data = demoWebData(now);
    const hostile = '<script>alert("x")</script>';
    const first = data.state.incidents[0];
    if (!first) throw new Error("the fixture has incidents");
    first.name = hostile;
    first.permalink = "javascript:alert(1)";
    const service = data.state.services[0];
    if (!service) throw new Error("the fixture has services");
    service.links = [{ title: "evil", url: "javascript:alert(2)" }];
    service.title = "<img src=x onerror=alert(3)>";
    const app = webRoutes(data, { clock });
    for (const path of ["/incidents", servicePath(PAYMENTS_REF), "/"]) {
      const { html } = await page(app, path);
      expect(html).not.toContain("<script>alert");
      expect(html).not.toContain("<img src=x");
      expect(html).not.toContain("javascript:");
    }
    const incidents = await page(app, "/incidents");
    expect(incidents.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(text(incidents.html)).toContain(hostile);
  });

  it("sends pages with a policy that forbids inline script", async () => {
    const { headers } = await page(webRoutes(demoWebData(now), { clock }), "/");
    expect(headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(headers.get("x-frame-options")).toBe("DENY");
  });
});

describe("the other pages", () => {
  it("filters incidents and keeps the filters in the form and the pager", async () => {
    const app = webRoutes(demoWebData(now), { clock });
    const all = await page(app, "/incidents");
    expect(all.html.match(/<tr data-reference=/g)).toHaveLength(5);
    const major = await page(app, "/incidents?severity=Major&q=refund");
    expect(major.html.match(/<tr data-reference="([^"]+)"/g)).toEqual(['<tr data-reference="INC-100"']);
    expect(major.html).toContain('<option value="Major" selected="">Major</option>');
    expect(major.html).toContain('value="refund"');
    const none = await page(app, "/incidents?status=triage");
    expect(text(none.html)).toContain("No incidents match these filters.");
    const bad = await page(app, "/incidents?from=yesterday");
    expect(text(bad.html)).toContain('Created from must be a date like 2026-06-30; ignored "yesterday".');
  });

  it("says when nothing has been mirrored yet", async () => {
    const data = new InMemoryWebData({ ...demoWebData(now).state, incidents: [] });
    const { html } = await page(webRoutes(data, { clock }), "/incidents");
    expect(text(html)).toContain("No incidents have been mirrored yet.");
  });

  it("shows each account's sync state, with the last error and what to do", async () => {
    const data = demoWebData(now);
    data.state.sync.push({
      account: "staging",
      lastSuccessAt: null,
      lagSeconds: null,
      lastError: {
        message: "401: the API key was not accepted",
        hint: "create a new key",
        at: new Date(now - 60_000).toISOString(),
      },
      failing: true,
      backfilled: 250,
      backfillTotal: 1000,
      inProgress: true,
      incidents: 250,
    });
    const shown = text((await page(webRoutes(data, { clock }), "/sync")).html);
    expect(shown).toMatch(/prod OK just now 30s 5 incidents backfilled 5 none/);
    expect(shown).toContain("staging Failing never – In progress: 250 of 1,000 fetched 250");
    expect(shown).toContain("401: the API key was not accepted What to do: create a new key");
  });

  it("shows the alert history with decisions, incidents and delivery", async () => {
    const shown = text((await page(webRoutes(demoWebData(now), { clock }), "/alerts")).html);
    expect(shown).toContain("alertmanager Payments 5xx above 2% firing dedup key payments-5xx");
    expect(shown).toContain(
      "open_incident rule prod-critical matched rule prod-critical INC-101 delivered 201 Created",
    );
  });

  it("serves the stylesheet, with a phone layout and a dark scheme", async () => {
    const response = await webRoutes(demoWebData(now)).request("/assets/style.css");
    expect(response.headers.get("content-type")).toContain("text/css");
    const css = await response.text();
    expect(css).toContain("@media (max-width: 720px)");
    expect(css).toContain("prefers-color-scheme: dark");
  });
});

describe("failures", () => {
  /** The incidents page, its data failing with `error`; what the hub was told of. */
  async function failing(error: Error) {
    const reported: Error[] = [];
    const data = new InMemoryWebData(demoWebData(now).state);
    data.incidents = async () => {
      throw error;
    };
    const { status } = await page(webRoutes(data, { clock, onError: (e) => reported.push(e) }), "/incidents");
    return { status, reported: reported.map((e) => e.message) };
  }

  it("reports the hub's own failures, not a request for something missing or invalid", async () => {
    const missing = new IncidentKitError({
      code: "not_found",
      message: "no such incident",
      hint: "list them",
    });
    expect(await failing(missing)).toEqual({ status: 404, reported: [] });
    const wrong = new IncidentKitError({ code: "invalid_argument", message: "bad filter", hint: "use one" });
    expect(await failing(wrong)).toEqual({ status: 400, reported: [] });
    expect(await failing(new Error("the disk is gone"))).toEqual({
      status: 500,
      reported: ["the disk is gone"],
    });
  });
});
