/**
 * Sign-in for the hub's web UI, against real hubs on real ports: `auth: { mode: token }` sends pages to
 * `/sign-in`, takes the admin token there and keeps a signed session cookie; `auth: { mode: proxy }` believes the
 * proxy's user header only on connections from the proxy's address. The API keeps its own tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rulesFrom } from "../../src/alerts/rules/testing.js";
import { IncidentIo } from "../../src/api/index.js";
import { demoCatalogDir } from "../../src/catalog/index.js";
import { createHub, type Hub, type HubConfig } from "../../src/hub/index.js";
import { ADMIN_TOKEN, exampleBody, PROM_TOKEN, TEST_RULES, testHubConfig } from "../../src/hub/testing.js";
import { openSession } from "../../src/ops/index.js";
import type { Store } from "../../src/store/index.js";
import { openTestStore } from "../../src/store/testing/databases.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";
import { quietLogger } from "../support/quiet-logger.js";

let t: TestEmulator;
const opened: { hub: Hub; store: Store }[] = [];

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, seed: "demo" });
});

afterAll(async () => {
  for (const { hub, store } of opened) {
    await hub.close();
    await store.close();
  }
  await t?.close();
});

/** A hub with this `auth`, listening on a free loopback port; resolves to its URL. */
async function startHub(auth: HubConfig["auth"]): Promise<string> {
  const store = await openTestStore();
  const io = new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, fetch: t.fetch, rateLimit: false });
  const hub = createHub({
    logger: quietLogger(),
    config: {
      ...testHubConfig(),
      ...(auth ? { auth } : {}),
      mirror: { enabled: false, reconcileEveryMs: 3_600_000 },
      catalog: { dir: demoCatalogDir(), field: "Affected services" },
    },
    store,
    rules: rulesFrom(TEST_RULES),
    session: openSession(io, { alias: "demo" }),
  });
  opened.push({ hub, store });
  return hub.start();
}

const manual = { redirect: "manual" } as const;

describe("auth: { mode: token }", () => {
  let url = "";
  beforeAll(async () => {
    url = await startHub({ mode: "token" });
  });

  async function signInForm(): Promise<{ token: string; cookie?: string }> {
    const page = await (await fetch(`${url}/sign-in?next=%2Fincidents`)).text();
    return { token: /name="token" value="([^"]+)"/.exec(page)?.[1] ?? "" };
  }

  const signIn = async (secret: string, next = "/incidents") => {
    const { token } = await signInForm();
    return fetch(`${url}/sign-in`, {
      ...manual,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token, secret, next }),
    });
  };

  it("sends a page to the sign-in form, refuses a wrong token, and lets the admin token in for a session", async () => {
    const page = await fetch(`${url}/incidents`, manual);
    expect([page.status, page.headers.get("location")]).toEqual([303, "/sign-in?next=%2Fincidents"]);
    const wrong = await signIn("not-the-admin-token-at-all");
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("That is not the hub&#39;s admin token.");
    const right = await signIn(ADMIN_TOKEN);
    expect([right.status, right.headers.get("location")]).toEqual([303, "/incidents"]);
    const cookie = right.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^incidentkit_session=[^;]+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
    const signedIn = await fetch(`${url}/incidents`, {
      ...manual,
      headers: { cookie: cookie.split(";")[0] ?? "" },
    });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.text()).toContain("<h1>Incidents</h1>");
  });

  it("never sends a signed-in person to another site, and refuses a forged cookie", async () => {
    const away = await signIn(ADMIN_TOKEN, "//evil.example/phish");
    expect(away.headers.get("location")).toBe("/");
    const forged = await fetch(`${url}/incidents`, {
      ...manual,
      headers: { cookie: "incidentkit_session=eyJ1bnRpbCI6OTk5OTk5OTk5OTk5OX0.forged" },
    });
    expect(forged.status).toBe(303);
    const post = await fetch(`${url}/services/x/declare`, { method: "POST", body: "name=x" });
    expect(post.status).toBe(401);
  });

  it("keeps the API on its own tokens: alerts and health need no session", async () => {
    const alert = await fetch(`${url}/alerts/prometheus`, {
      method: "POST",
      headers: { authorization: `Bearer ${PROM_TOKEN}`, "content-type": "application/json" },
      body: exampleBody("alertmanager-firing"),
    });
    expect(alert.status).toBe(202);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it("signs out from its own pages only: a cross-site post is refused, a same-site one ends the session", async () => {
    const signedIn = await signIn(ADMIN_TOKEN);
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const incidents = () => fetch(`${url}/incidents`, { ...manual, headers: { cookie } });
    const signOut = (headers: Record<string, string>) =>
      fetch(`${url}/sign-out`, { ...manual, method: "POST", headers: { cookie, ...headers } });
    const crossSites: Record<string, string>[] = [
      { origin: "https://attacker.example", "sec-fetch-site": "cross-site" },
      { origin: "https://attacker.example" },
      { "sec-fetch-site": "same-site" },
    ];
    for (const crossSite of crossSites) {
      const refused = await signOut(crossSite);
      expect(refused.status, JSON.stringify(crossSite)).toBe(403);
      expect(await refused.text()).toBe("Sign out from the hub's own pages.");
      expect(refused.headers.getSetCookie()).toEqual([]);
      expect(refused.headers.get("clear-site-data")).toBeNull();
      expect((await incidents()).status).toBe(200);
    }
    const out = await signOut({ origin: url, "sec-fetch-site": "same-origin" });
    expect([out.status, out.headers.get("location")]).toEqual([303, "/sign-in"]);
    expect(out.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^incidentkit_session=; Max-Age=0; Path=\//),
    ]);
    expect(out.headers.get("clear-site-data")).toBe('"cache"');
    // A browser drops the cookie it was told to.
    const page = await fetch(`${url}/incidents`, manual);
    expect([page.status, page.headers.get("location")]).toEqual([303, "/sign-in?next=%2Fincidents"]);
  });

  it("takes a few tries at the form a minute from one address, then answers 429 until the next", async () => {
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await signIn(`guess-${i}-0123456789abcdef`)).status);
    expect(answers).toContain(429);
    expect(answers.filter((status) => status !== 429).every((status) => status === 401)).toBe(true);
    // Even the right token waits: the limit comes before the check, so guessing learns nothing faster.
    const limited = await signIn(ADMIN_TOKEN);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});

describe("without sign-in", () => {
  it("gives each address a share of the pages, and leaves alerts and health alone", async () => {
    const url = await startHub(undefined);
    // The share refills at 5 a second: asked faster than that, a 429 comes after the first 30.
    const statuses: number[] = [];
    let limited: Response | undefined;
    while (limited === undefined && statuses.length < 200) {
      const answer = await fetch(`${url}/incidents`);
      statuses.push(answer.status);
      if (answer.status === 429) limited = answer;
      else await answer.arrayBuffer();
    }
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(200));
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited?.text()).toMatch(/^Too many pages from this address: try again in \d+ s\.$/);
    expect((await fetch(`${url}/assets/style.css`)).status).toBe(200);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const alert = await fetch(`${url}/alerts/prometheus`, {
      method: "POST",
      headers: { authorization: `Bearer ${PROM_TOKEN}`, "content-type": "application/json" },
      body: exampleBody("alertmanager-firing"),
    });
    expect(alert.status).toBe(202);
  });
});

describe("auth: { mode: proxy }", () => {
  it("believes the user header only from the proxy's address", async () => {
    const trusted = await startHub({
      mode: "proxy",
      header: "x-forwarded-email",
      trustedProxies: ["127.0.0.1"],
    });
    const viaProxy = await fetch(`${trusted}/incidents`, {
      headers: { "x-forwarded-email": "ana@example.com" },
    });
    expect(viaProxy.status).toBe(200);
    expect((await fetch(`${trusted}/incidents`)).status).toBe(401);

    const elsewhere = await startHub({
      mode: "proxy",
      header: "x-forwarded-email",
      trustedProxies: ["10.9.8.7"],
    });
    const spoofed = await fetch(`${elsewhere}/incidents`, {
      headers: { "x-forwarded-email": "ana@example.com" },
    });
    expect(spoofed.status).toBe(401);
    expect(await spoofed.text()).toContain("did not come through it");
  });
});
