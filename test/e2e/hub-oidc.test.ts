/**
 * `auth: { mode: oidc }` against a real OpenID Connect provider (oidc-provider, started here on loopback) and real
 * hubs on real ports: sign-in by authorization code with PKCE, state and nonce; who may come in by domain or
 * group; forged, stale and replayed callbacks refused; sign-out; a provider that is down when the hub starts.
 */
import { createServer } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rulesFrom } from "../../src/alerts/rules/testing.js";
import { IncidentIo } from "../../src/api/index.js";
import { demoCatalogDir } from "../../src/catalog/index.js";
import { createHub, type Hub, loadHubConfig } from "../../src/hub/index.js";
import { ADMIN_TOKEN, exampleBody, PROM_TOKEN, TEST_RULES } from "../../src/hub/testing.js";
import { openSession } from "../../src/ops/index.js";
import { createLogger } from "../../src/shared/logger.js";
import type { Store } from "../../src/store/index.js";
import { openTestStore } from "../../src/store/testing/databases.js";
import { CookieJar, follow, visit } from "../support/cookie-jar.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";
import {
  CLIENT_ID,
  CLIENT_SECRET,
  type PersonId,
  startOidcProvider,
  type TestOidcProvider,
} from "../support/oidc-provider.js";
import { browserUnavailableReason, launchBrowser, screenshot } from "./browser.js";

let t: TestEmulator;
let provider: TestOidcProvider;
const opened: { hub: Hub; store: Store }[] = [];
/** The hub the HTTP tests sign in to, and the one the browser reaches by a name of its own (another site). */
const ports = { http: 0, browser: 0 };
const hubUrl = () => `http://127.0.0.1:${ports.http}`;
const BROWSER_HOST = "hub.oidc.test";

/** A port nothing listens on yet. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A hub whose hub.yaml signs in at `issuer`, listening on `port`; its log lines (JSON) go to `log`. */
async function startHub(options: { port: number; publicUrl: string; issuer: string; log?: string[] }) {
  const config = loadHubConfig(
    [
      `listen: { host: 127.0.0.1, port: ${options.port} }`,
      `public_url: ${options.publicUrl}`,
      "auth:",
      "  mode: oidc",
      `  issuer: ${options.issuer}`,
      `  client_id: ${CLIENT_ID}`,
      "  client_secret_env: OIDC_CLIENT_SECRET",
      "  allowed_domains: [example.com]",
      "  allowed_groups: [sre]",
      "  scopes: [openid, email, profile, groups]",
      "sources:",
      "  prometheus: { format: alertmanager, token_env: PROM }",
    ].join("\n"),
    "hub.yaml",
    {
      // With the newline a secret pasted from a file keeps: trimmed at load.
      env: { PROM: PROM_TOKEN, OIDC_CLIENT_SECRET: `${CLIENT_SECRET}\n`, HUB_ADMIN_TOKEN: ADMIN_TOKEN },
      dataDir: "/data",
    },
  );
  const store = await openTestStore();
  const io = new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, fetch: t.fetch, rateLimit: false });
  const hub = createHub({
    config: {
      ...config,
      mirror: { enabled: false, reconcileEveryMs: 3_600_000 },
      catalog: { dir: demoCatalogDir(), field: "Affected services" },
    },
    store,
    rules: rulesFrom(TEST_RULES),
    session: openSession(io, { alias: "demo" }),
    logger: createLogger({ name: "hub", destination: { write: (line) => options.log?.push(line) } }),
  });
  opened.push({ hub, store });
  return hub.start();
}

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, seed: "demo" });
  ports.http = await freePort();
  ports.browser = await freePort();
  provider = await startOidcProvider([
    `${hubUrl()}/sign-in/callback`,
    `http://${BROWSER_HOST}:${ports.browser}/sign-in/callback`,
  ]);
  await startHub({ port: ports.http, publicUrl: hubUrl(), issuer: provider.issuer });
}, 60_000);

afterAll(async () => {
  for (const { hub, store } of opened) {
    await hub.close();
    await store.close();
  }
  await provider?.close();
  await t?.close();
});

const isCallback = (url: URL) => url.pathname === "/sign-in/callback";

/**
 * From a page of the hub to the provider's sign-in page, its button pressed, and on to the callback the provider
 * sends the browser back to (not visited).
 */
async function toCallback(jar: CookieJar, person: PersonId, path = "/incidents"): Promise<URL> {
  provider.signInAs(person);
  const login = await follow(jar, `${hubUrl()}${path}`);
  expect([login.url.origin, login.response?.status]).toEqual([provider.issuer, 200]);
  await login.response?.body?.cancel();
  const pressed = await visit(jar, login.url, { method: "POST" });
  const { url } = await follow(jar, new URL(pressed.headers.get("location") ?? "", login.url), isCallback);
  expect(url.pathname).toBe("/sign-in/callback");
  return url;
}

/** A whole sign-in: resolves with the callback's answer. */
async function signIn(jar: CookieJar, person: PersonId, path = "/incidents"): Promise<Response> {
  return visit(jar, await toCallback(jar, person, path));
}

describe("auth: { mode: oidc }", () => {
  it("sends a stranger to sign in, and sign-in to the provider with PKCE, state and nonce", async () => {
    const jar = new CookieJar();
    const page = await visit(jar, `${hubUrl()}/incidents?status=active`);
    expect([page.status, page.headers.get("location")]).toEqual([
      303,
      "/sign-in?next=%2Fincidents%3Fstatus%3Dactive",
    ]);
    expect(
      (await visit(jar, `${hubUrl()}/services/x/declare`, { method: "POST", body: "name=x" })).status,
    ).toBe(401);
    const signIn = await visit(jar, `${hubUrl()}/sign-in?next=%2Fincidents`);
    expect(signIn.status).toBe(303);
    const authorize = new URL(signIn.headers.get("location") ?? "");
    expect(authorize.origin).toBe(provider.issuer);
    const params = Object.fromEntries(authorize.searchParams);
    expect(params).toMatchObject({
      client_id: CLIENT_ID,
      response_type: "code",
      redirect_uri: `${hubUrl()}/sign-in/callback`,
      scope: "openid email profile groups",
      code_challenge_method: "S256",
    });
    expect(params.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(params.state).toMatch(/^[\w-]{20,}$/);
    expect(params.nonce).toMatch(/^[\w-]{20,}$/);
    expect(signIn.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^incidentkit_oidc=[^;]+; Max-Age=600; Path=\/sign-in; HttpOnly; SameSite=Lax$/),
    ]);
  });

  it("lets in a person with a verified email at an allowed domain, back where they were going", async () => {
    const jar = new CookieJar();
    const callback = await signIn(jar, "ana", "/incidents?status=active");
    expect(callback.status).toBe(200);
    const html = await callback.text();
    expect(html).toContain('<meta http-equiv="refresh" content="0;url=/incidents?status=active"/>');
    expect(html).toContain("Signed in as Ana Lima (ana@example.com).");
    const cookies = callback.headers.getSetCookie();
    expect(cookies).toContainEqual(
      expect.stringMatching(/^incidentkit_session=[^;]+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/),
    );
    expect(cookies).toContainEqual(expect.stringMatching(/^incidentkit_oidc=; Max-Age=0; Path=\/sign-in/));
    const page = await visit(jar, `${hubUrl()}/incidents?status=active`);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain("<h1>Incidents</h1>");
    expect(text).toContain("Signed in as Ana Lima (ana@example.com)");
    expect(text).toContain('<input type="submit" value="sign out"/>');
  });

  it("lets in a member of an allowed group from another domain", async () => {
    const jar = new CookieJar();
    expect((await signIn(jar, "gus")).status).toBe(200);
    const page = await visit(jar, `${hubUrl()}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Signed in as Gus Moreau (gus@partner.example)");
  });

  it("refuses, naming who signed in and why, a person of another domain and group, and an unverified email", async () => {
    const jar = new CookieJar();
    const bob = await signIn(jar, "bob");
    expect(bob.status).toBe(403);
    const page = await bob.text();
    expect(page).toContain("Bob Stone (bob@other.example)");
    expect(page).toContain("this hub&#39;s config does not allow you in");
    expect(page).toContain("other.example is not one of the allowed domains (example.com)");
    expect(page).toContain("none of your groups is allowed (sre)");
    expect(bob.headers.getSetCookie().some((cookie) => cookie.startsWith("incidentkit_session="))).toBe(
      false,
    );
    // No way round it: pages still send them to sign in, and nothing signs them in by itself.
    expect((await visit(jar, `${hubUrl()}/incidents`)).status).toBe(303);

    const eve = await signIn(new CookieJar(), "eve");
    expect(eve.status).toBe(403);
    expect(await eve.text()).toContain("the provider has not verified eve@example.com");
  });

  it("refuses a callback whose state was changed, one without the browser's PKCE verifier, and a replayed one", async () => {
    const tampered = new CookieJar();
    const forged = await toCallback(tampered, "ana");
    forged.searchParams.set("state", "forged-state-value-0123456789");
    const stateAnswer = await visit(tampered, forged);
    expect(stateAnswer.status).toBe(400);
    expect(await stateAnswer.text()).toContain("did not check out");

    // Another browser (an attacker holding a stolen code) has no flow cookie, so no verifier.
    const elsewhere = await toCallback(new CookieJar(), "ana");
    const stolen = await visit(new CookieJar(), elsewhere);
    expect(stolen.status).toBe(400);
    expect(await stolen.text()).toContain("was not started in this browser");

    const jar = new CookieJar();
    const callback = await toCallback(jar, "ana");
    const before = jar.copy();
    expect((await visit(jar, callback)).status).toBe(200);
    // The same callback again, cookies and all: the code is spent at the provider.
    const replayed = await visit(before, callback);
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toContain("invalid_grant");
    // And in the browser that used it, the flow is gone.
    expect((await visit(jar, callback)).status).toBe(400);
  });

  it("signs out from its own pages only: the session cookie is cleared and pages send to sign-in again", async () => {
    const jar = new CookieJar();
    expect((await signIn(jar, "ana")).status).toBe(200);
    const session = jar.value(new URL(hubUrl()), "incidentkit_session") ?? "";
    expect(session).not.toBe("");
    const elsewhere = await visit(jar, `${hubUrl()}/sign-out`, {
      method: "POST",
      headers: { origin: "https://attacker.example", "sec-fetch-site": "cross-site" },
    });
    expect(elsewhere.status).toBe(403);
    expect((await visit(jar, `${hubUrl()}/incidents`)).status).toBe(200);
    const out = await visit(jar, `${hubUrl()}/sign-out`, { method: "POST", headers: { origin: hubUrl() } });
    expect(out.status).toBe(200);
    expect(await out.text()).toContain("You are signed out of this hub");
    expect(out.headers.get("clear-site-data")).toBe('"cache"');
    expect(out.headers.getSetCookie()).toContainEqual(
      expect.stringMatching(/^incidentkit_session=; Max-Age=0; Path=\//),
    );
    expect((await visit(jar, `${hubUrl()}/incidents`)).status).toBe(303);
  });

  it("refuses a forged session cookie, and keeps the API on its own tokens", async () => {
    const forged = await fetch(`${hubUrl()}/incidents`, {
      redirect: "manual",
      headers: { cookie: "incidentkit_session=eyJ1bnRpbCI6OTk5OTk5OTk5OTk5OSwidmlhIjoib2lkYyJ9.forged" },
    });
    expect(forged.status).toBe(303);
    const alert = await fetch(`${hubUrl()}/alerts/prometheus`, {
      method: "POST",
      headers: { authorization: `Bearer ${PROM_TOKEN}`, "content-type": "application/json" },
      body: exampleBody("alertmanager-firing"),
    });
    expect(alert.status).toBe(202);
  });
});

describe("auth: { mode: oidc } with the provider down at start", () => {
  it("takes alerts, answers sign-in 503 with the reason, logs one line, and signs in once the provider is up", async () => {
    const issuerPort = await freePort();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const log: string[] = [];
    await startHub({ port, publicUrl: url, issuer: `http://127.0.0.1:${issuerPort}`, log });

    const alert = await fetch(`${url}/alerts/prometheus`, {
      method: "POST",
      headers: { authorization: `Bearer ${PROM_TOKEN}`, "content-type": "application/json" },
      body: exampleBody("alertmanager-firing"),
    });
    expect(alert.status).toBe(202);
    await expect.poll(() => log.length).toBe(1);
    const down = await fetch(`${url}/sign-in`, { redirect: "manual" });
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("10");
    expect(await down.text()).toContain(
      `cannot read the sign-in provider&#39;s configuration at http://127.0.0.1:${issuerPort}/.well-known/openid-configuration (fetch failed: ECONNREFUSED)`,
    );
    expect(JSON.parse(log[0] ?? "")).toMatchObject({ level: "error", name: "hub", job: "sign-in" });
    expect(log[0]).toContain(`http://127.0.0.1:${issuerPort}/.well-known/openid-configuration`);
    expect(log[0]).toContain("Fix: check auth.issuer in hub.yaml");
    expect(log[0]).not.toContain(CLIENT_SECRET);

    // The provider comes up where the hub looks: its retries find it (after 1 s, 2 s, 4 s…).
    const late = await startOidcProvider([`${url}/sign-in/callback`], issuerPort);
    try {
      await expect
        .poll(async () => (await fetch(`${url}/sign-in`, { redirect: "manual" })).status, { timeout: 15_000 })
        .toBe(303);
      expect(log).toHaveLength(1);
    } finally {
      await late.close();
    }
  }, 30_000);
});

const unavailable = browserUnavailableReason();
if (unavailable) console.log(unavailable);

describe.skipIf(unavailable !== undefined)("auth: { mode: oidc } in a real browser", () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    // The hub by a name of its own, so the provider (at 127.0.0.1) is another site, as it is in production.
    await startHub({
      port: ports.browser,
      publicUrl: `http://${BROWSER_HOST}:${ports.browser}`,
      issuer: provider.issuer,
    });
    browser = await launchBrowser([`--host-resolver-rules=MAP ${BROWSER_HOST} 127.0.0.1`]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("signs in through the provider and lands on the page asked for, the Strict session cookie sent", async () => {
    if (!browser) throw new Error("the browser started");
    provider.signInAs("ana");
    const page = await browser.newPage();
    try {
      await page.goto(`http://${BROWSER_HOST}:${ports.browser}/incidents`);
      // On the provider's site, as a person signing in would.
      await page.click("#sign-in");
      await page.waitForURL(`http://${BROWSER_HOST}:${ports.browser}/incidents`);
      expect(await page.textContent("h1")).toBe("Incidents");
      expect(await page.textContent(".signed-in")).toContain("Signed in as Ana Lima (ana@example.com)");
      await screenshot(page, "hub-oidc-signed-in");
      await page.click(".signed-in input[type=submit]");
      await page.waitForURL(`http://${BROWSER_HOST}:${ports.browser}/sign-out`);
      expect(await page.textContent("h1")).toBe("Signed out");
      const cookies = await page.context().cookies();
      expect(cookies.some((cookie) => cookie.name === "incidentkit_session")).toBe(false);
    } finally {
      await page.close();
    }
  });
});
