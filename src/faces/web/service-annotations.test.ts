import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { annotationLinks } from "../../catalog/annotation-links.js";
import type { ManualClock } from "../../shared/clock.js";
import { webRoutes } from "./routes.js";
import { demoWebData, PAYMENTS_REF } from "./testing/fixtures.js";
import { CATALOG, CHECKOUT, type HubWorld, startHubWorld } from "./testing/hub-world.js";

const now = Date.parse("2026-11-23T12:00:00Z");
const clock = { now: () => now, sleep: async () => {} } as unknown as ManualClock;

describe("the service page's annotations", () => {
  it("links the source, GitHub and docs, shows PagerDuty and Opsgenie as text, and escapes what it shows", async () => {
    const data = demoWebData(now);
    const payments = data.state.services[0];
    if (!payments) throw new Error("the fixture has a payments service");
    payments.annotationLinks = annotationLinks({
      "backstage.io/source-location": "url:https://github.com/acme/payments-api/tree/main/",
      "github.com/project-slug": "acme/payments-api",
      "backstage.io/techdocs-ref": "dir:./docs",
      "pagerduty.com/service-id": "PX1Y2Z3",
      "pagerduty.com/integration-key": "a1b2c3d4e5f60718293a4b5c6d7e8f90",
      "opsgenie.com/team": '<script>alert("team")</script>',
    }).map(({ label, text, url }) => ({ label, text, url: url ?? null }));
    // A model built elsewhere is not trusted either: a javascript: address is never a link.
    payments.annotationLinks.push({ label: "Source", text: "evil", url: "javascript:alert(1)" });
    const response = await webRoutes(data, { clock }).request(
      `/services/${encodeURIComponent(PAYMENTS_REF)}`,
    );
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain(
      '<dt>Source</dt><dd><a href="https://github.com/acme/payments-api/tree/main/" rel="noopener noreferrer">https://github.com/acme/payments-api/tree/main/</a></dd>',
    );
    expect(html).toContain(
      '<dt>GitHub</dt><dd><a href="https://github.com/acme/payments-api" rel="noopener noreferrer">acme/payments-api</a></dd>',
    );
    expect(html).toContain('<a href="https://github.com/acme/payments-api/tree/main/docs"');
    expect(html).toContain("<dt>PagerDuty service</dt><dd><code>PX1Y2Z3</code></dd>");
    expect(html).toContain(
      "<dt>Opsgenie team</dt><dd><code>&lt;script&gt;alert(&quot;team&quot;)&lt;/script&gt;</code></dd>",
    );
    expect(html).toContain("<dt>Source</dt><dd><code>evil</code></dd>");
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("a1b2c3d4");
  });
});

describe("the hub's service page model", () => {
  let world: HubWorld;
  beforeAll(async () => {
    world = await startHubWorld(
      CATALOG.replace(
        "metadata: { name: checkout, title: Checkout,",
        "metadata: { name: checkout, title: Checkout, annotations: { github.com/project-slug: acme/checkout, opsgenie.com/team: shop }, ",
      ),
    );
  });
  afterAll(async () => {
    await world.close();
  });

  it("holds the entity's annotations as links and text", async () => {
    const checkout = await world.data.service(CHECKOUT, { historyPage: 1 });
    expect(checkout?.annotationLinks).toEqual([
      { label: "GitHub", text: "acme/checkout", url: "https://github.com/acme/checkout" },
      { label: "Opsgenie team", text: "shop", url: null },
    ]);
  });
});
