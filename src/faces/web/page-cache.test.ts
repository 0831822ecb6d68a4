/**
 * Pages kept to be sent again (the analytics page): 304 to a browser holding the page, compressed copies of the same
 * page, a new page once an incident changed, and never one viewer's page to another. Viewers sign in through a
 * proxy (`auth: { mode: proxy }`), which names them in a header.
 */
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PageCache } from "./page-cache.js";
import { webRoutes } from "./routes.js";
import { type HubWorld, startHubWorld } from "./testing/hub-world.js";

let world: HubWorld;
let app: ReturnType<typeof webRoutes>;

/** The connection a request comes in on, as @hono/node-server gives it: here, from the proxy's address. */
const fromProxy = {
  incoming: { socket: { remoteAddress: "127.0.0.1", remotePort: 50_000, remoteFamily: "IPv4" } },
};

function ask(
  who: string | undefined,
  headers: Record<string, string> = {},
  path = "/analytics?since=3650d",
): Promise<Response> {
  return Promise.resolve(
    app.request(path, { headers: { ...(who ? { "x-forwarded-email": who } : {}), ...headers } }, fromProxy),
  );
}

beforeAll(async () => {
  world = await startHubWorld();
  await world.mirrorIncident({ daysAgo: 10 });
  app = webRoutes(world.data, {
    clock: world.clock,
    auth: { mode: "proxy", header: "x-forwarded-email", trustedProxies: ["127.0.0.1"] },
  });
});
afterAll(() => world?.close());

describe("a page kept to be sent again", () => {
  it("is answered 304 without a body to a browser that holds it, and may be kept only by that browser", async () => {
    const first = await ask("ana@example.com");
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    expect(await first.text()).toContain("Signed in as ana@example.com");

    const again = await ask("ana@example.com", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("cache-control")).toBe("private, no-cache");
    // Weak comparison, as If-None-Match asks, and among several tags.
    expect((await ask("ana@example.com", { "if-none-match": `"other", W/${etag}` })).status).toBe(304);
    expect((await ask("ana@example.com", { "if-none-match": '"other"' })).status).toBe(200);
  });

  it("is sent compressed as the browser accepts, each encoding its own ETag, the same page once decoded", async () => {
    const plain = await ask("ana@example.com");
    const page = await plain.text();
    const br = await ask("ana@example.com", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("vary")).toBe("Accept-Encoding");
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brotliDecompressSync(brBytes).toString("utf8")).toBe(page);
    expect(brBytes.length).toBeLessThan(page.length / 3);
    const gzip = await ask("ana@example.com", { "accept-encoding": "gzip, br;q=0.5" });
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString("utf8")).toBe(page);
    const none = await ask("ana@example.com", { "accept-encoding": "br;q=0, gzip;q=0" });
    expect(none.headers.get("content-encoding")).toBeNull();
    expect(await none.text()).toBe(page);

    const tags = [plain, br, gzip].map((response) => response.headers.get("etag"));
    expect(new Set(tags).size).toBe(3);
    // A copy held in one encoding is not taken for another's.
    const held = br.headers.get("etag") ?? "";
    expect((await ask("ana@example.com", { "accept-encoding": "br", "if-none-match": held })).status).toBe(
      304,
    );
    expect((await ask("ana@example.com", { "accept-encoding": "gzip", "if-none-match": held })).status).toBe(
      200,
    );
  });

  it("is never sent to another viewer, even one sending the first viewer's ETag", async () => {
    const ana = await ask("ana@example.com");
    const etag = ana.headers.get("etag") ?? "";
    const bob = await ask("bob@example.com", { "if-none-match": etag });
    expect(bob.status).toBe(200);
    expect(bob.headers.get("etag")).not.toBe(etag);
    const page = await bob.text();
    expect(page).toContain("Signed in as bob@example.com");
    expect(page).not.toContain("ana@example.com");
    // Nor to anyone the proxy did not name: the sign-in guard answers before any page is looked up.
    const stranger = await ask(undefined, { "if-none-match": etag });
    expect(stranger.status).toBe(401);
    expect(await stranger.text()).not.toContain("Analytics");
  });

  it("is built again once an incident changed: the copy a browser holds is then answered in full", async () => {
    const before = await ask("ana@example.com");
    const etag = before.headers.get("etag") ?? "";
    const page = await before.text();
    await world.mirrorIncident({ daysAgo: 3, name: "Checkout incident, since the page was built" });
    const after = await ask("ana@example.com", { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect(await after.text()).not.toBe(page);
  });
});

describe("PageCache", () => {
  it("builds a page once per model and viewer, and again for another viewer or a new model", async () => {
    const cache = new PageCache();
    const built: string[] = [];
    const build = (label: string) => async () => {
      built.push(label);
      return `<p>${label}</p>`;
    };
    const model = {};
    const [a, b] = await Promise.all([
      cache.page(model, "ana", build("ana")),
      cache.page(model, "ana", build("ana, again")),
    ]);
    expect(b).toBe(a);
    const other = await cache.page(model, "bob", build("bob"));
    expect(new TextDecoder().decode(other.body)).toBe("<p>bob</p>");
    await cache.page({}, "ana", build("ana, new model"));
    expect(built).toEqual(["ana", "bob", "ana, new model"]);
  });

  it("builds again after a build failed", async () => {
    const cache = new PageCache();
    const model = {};
    await expect(
      cache.page(model, "ana", async () => {
        throw new Error("no page");
      }),
    ).rejects.toThrow("no page");
    const page = await cache.page(model, "ana", async () => "<p>built</p>");
    expect(new TextDecoder().decode(page.body)).toBe("<p>built</p>");
  });
});
