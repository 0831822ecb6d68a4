/** `/changes` in a browser: the recorded changes, newest first, filtered by service and time. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordChange } from "../../investigate/changes/index.js";
import { webRoutes } from "./routes.js";
import { CHECKOUT, type HubWorld, PAYMENTS, startHubWorld } from "./testing/hub-world.js";

const HOUR = 3_600_000;
let world: HubWorld;
let app: ReturnType<typeof webRoutes>;

/** The page's rows, each as the change's description. */
const rows = (html: string) =>
  [...html.matchAll(/<tr data-change="[^"]+" data-kind="([^"]+)">([\s\S]*?)<\/tr>/g)].map((m) => m[2] ?? "");

async function page(query = ""): Promise<string> {
  const response = await app.request(`/changes${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/html");
  return response.text();
}

beforeAll(async () => {
  world = await startHubWorld();
  app = webRoutes(world.data, { clock: world.clock });
}, 30_000);
afterAll(() => world?.close());

describe("the changes page", () => {
  it("says how changes arrive while there are none", async () => {
    const html = await page();
    expect(html).toContain("<h1>Changes</h1>");
    expect(html).toContain("No changes recorded yet.");
    expect(html).toMatch(/<a href="\/changes" aria-current="page">Changes<\/a>/);
  });

  it("lists changes newest first, linking catalog services and each change's own page", async () => {
    const change = (service: string, hoursAgo: number, description: string, extra = {}) =>
      recordChange(
        world.store,
        {
          service,
          kind: "deploy",
          description,
          author: "dana",
          link: "https://ci.example.com/runs/1",
          happenedAt: new Date(world.now - hoursAgo * HOUR).toISOString(),
          ...extra,
        },
        { source: "api", clock: world.clock },
      );
    await change("checkout", 1, "checkout v42", { environment: "production", production: true });
    await change(PAYMENTS, 30, "payments v7", { environment: "staging", production: false });
    await change("ledger", 2, "ledger <b>v3</b>", { link: "javascript:alert(1)", kind: "config" });
    const html = await page();
    const [first, second, third] = rows(html);
    expect(rows(html)).toHaveLength(3);
    expect(first).toContain("checkout v42");
    expect(first).toContain(`<a href="/services/${encodeURIComponent(CHECKOUT)}">Checkout</a>`);
    expect(first).toContain(
      '<a href="https://ci.example.com/runs/1" rel="noopener noreferrer" class="external">ci.example.com ↗</a>',
    );
    expect(first).toContain("by dana, via api");
    expect(first).toContain('<span class="badge tone-1">production</span>');
    // A service the catalog does not know is shown as sent; an address that is not http(s) is not linked.
    expect(second).toContain("ledger &lt;b&gt;v3&lt;/b&gt;");
    expect(second).toContain("<span>ledger</span>");
    expect(second).not.toContain("javascript:");
    expect(third).toContain('<span class="badge tone-0">staging</span>');
  });

  it("filters by service (any spelling) and by time, keeping the choices in the form", async () => {
    const checkout = await page(`?service=${encodeURIComponent(CHECKOUT)}`);
    expect(rows(checkout).map((row) => /checkout v42|payments v7|ledger/.exec(row)?.[0])).toEqual([
      "checkout v42",
    ]);
    expect(checkout).toContain(`<option value="${CHECKOUT}" selected="">Checkout</option>`);
    expect(rows(await page("?service=Checkout"))).toHaveLength(1);
    const recent = await page("?since=24h");
    expect(rows(recent)).toHaveLength(2);
    expect(recent).toContain('<option value="24h" selected="">24 hours</option>');
    expect(await page("?service=nothing")).toContain("No change matches these filters.");
  });

  it("reads since in the one duration grammar, minutes and weeks alike", async () => {
    for (const since of ["30m", "2w"]) expect(await page(`?since=${since}`)).not.toContain("Since: expected");
  });

  it("ignores a since it cannot read, and says why", async () => {
    const html = await page("?since=yesterday");
    expect(html).toContain("Since: expected a duration like 30s, 15m, 2h, 1d or 2w; ignored “yesterday”.");
    expect(rows(html)).toHaveLength(3);
  });
});
