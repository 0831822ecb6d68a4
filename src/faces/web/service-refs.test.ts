/**
 * A service page found by any spelling of its reference, and the declare form only where it works: on a
 * Component. A System's or Group's page links to its Components' forms instead.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Signer } from "./csrf.js";
import { webRoutes } from "./routes.js";
import { CHECKOUT, type HubWorld, startHubWorld } from "./testing/hub-world.js";

let world: HubWorld;
let app: ReturnType<typeof webRoutes>;

beforeAll(async () => {
  world = await startHubWorld();
  app = webRoutes(world.data, { clock: world.clock });
}, 30_000);
afterAll(() => world?.close());

const h1 = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];

describe("a service page's address", () => {
  it.each([
    ["the full reference, encoded", `/services/${encodeURIComponent(CHECKOUT)}`],
    ["the full reference as written, its slash not encoded", "/services/component:default/checkout"],
    ["kind:name, as catalog list prints it", "/services/component:checkout"],
    ["kind:name, encoded", `/services/${encodeURIComponent("component:checkout")}`],
    ["namespace/name", "/services/default/checkout"],
    ["the name alone", "/services/checkout"],
    ["any case", "/services/Component:Default/Checkout"],
  ])("finds the Component by %s", async (_how, path) => {
    const response = await app.request(path);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(h1(html)).toBe("Checkout");
    // The form posts to the one address of the entity, however it was reached.
    expect(html).toContain(`action="/services/${encodeURIComponent(CHECKOUT)}/declare"`);
  });

  it("finds a System or Group by its reference, or by a name only it has", async () => {
    for (const path of ["/services/system:shop", "/services/group:default/shop-team", "/services/shop"]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
    }
    expect(h1(await (await app.request("/services/shop")).text())).toBe("Shop");
  });

  it("says no entity has a reference that names none, whatever its form", async () => {
    for (const path of [
      "/services/component:nothing",
      "/services/default/nothing",
      "/services/a:b:c",
      "/services/system:checkout",
    ]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain("No such service");
    }
  });

  it("sends /services to the services list", async () => {
    const response = await app.request("/services");
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/");
  });
});

describe("declaring on a System's or Group's page", () => {
  it("offers no form, and links to the pages of the Components whose incidents it shows", async () => {
    for (const [path, relation] of [
      ["/services/system:default/shop", "Shop is made of:"],
      ["/services/group:default/shop-team", "Shop team owns:"],
    ] as const) {
      const html = await (await app.request(path)).text();
      expect(html, path).not.toContain('<form method="post"');
      expect(html, path).not.toContain("will not show here");
      expect(html, path).toContain(relation);
      expect(html, path).toContain(`<a href="/services/${encodeURIComponent(CHECKOUT)}">Checkout</a>`);
      expect(html, path).toContain(`href="/services/${encodeURIComponent(CHECKOUT)}#declare"`);
    }
    // A Component keeps its form.
    expect(await (await app.request("/services/checkout")).text()).toContain('<form method="post"');
  });

  it("refuses a declare posted to a System anyway (with a valid token), and declares nothing", async () => {
    const secret = new Uint8Array(32).fill(7);
    const signed = webRoutes(world.data, { clock: world.clock, secret });
    const action = `/services/${encodeURIComponent("system:default/shop")}/declare`;
    const severity = world.snapshot.severities[0]?.id ?? "";
    const before = world.t.emulator.incidents().length;
    const response = await signed.request(action, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin" },
      body: new URLSearchParams({
        token: new Signer(secret).formToken(action, world.clock.now()),
        name: "Shop down",
        summary: "",
        severity,
        mode: "test",
      }),
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Incidents are declared on a Component");
    expect(world.t.emulator.incidents()).toHaveLength(before);
  });
});
