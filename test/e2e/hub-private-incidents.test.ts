/**
 * Private incidents in the web UI, against real hubs on real ports mirroring the emulator's demo organisation
 * (whose Security incidents are private) and a real OpenID Connect provider: the people `auth.private_incidents`
 * names (by verified email, by group from the provider or from the proxy's header) see them on the incident list
 * and page, marked private; everyone else (another person, an unverified email, the admin token's session, a
 * hub without sign-in) finds them nowhere: not listed, not searchable, a 404 by ID or reference like an incident
 * that does not exist, and no page, theirs or anyone's, names one. An alert that opened a private incident, or
 * named one, stays on the alerts page for everyone with its delivery, the incident named only to those allowed.
 */
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rulesFrom } from "../../src/alerts/rules/testing.js";
import { IncidentIo } from "../../src/api/index.js";
import { WITHHELD_INCIDENT } from "../../src/app/private-mentions.js";
import { demoCatalogDir } from "../../src/catalog/index.js";
import { createHub, type Hub, type HubConfig, loadHubConfig } from "../../src/hub/index.js";
import { ADMIN_TOKEN, PROM_TOKEN } from "../../src/hub/testing.js";
import { listMirroredIncidents } from "../../src/mirror/index.js";
import { declareIncident, type OpsSession, openSession } from "../../src/ops/index.js";
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
import { quietLogger } from "../support/quiet-logger.js";

/** In the private incident's name and summary only: any page showing it shows this. */
const MARK = "VAULT-7Q2";
const AUTH_SERVICE = "component:default/auth-service";
const OPS_TOKEN = "ops-source-token-0123456789";

/** A breach alert opens a Security incident, which the demo organisation makes private; a critical one, a public one. */
const RULES = `
rules:
  - name: breach
    match: { labels: { kind: breach } }
    action: open_incident
    incident: { severity: Critical, type: Security }
  - name: page
    match: { severity: [critical] }
    action: open_incident
    incident: { severity: Critical }
  - name: keep
    action: record_only
`;

/** What each hub's `ops` source sent (see `sendAlerts`): its alerts' IDs and the incidents they opened. */
interface AlertsSent {
  /** Opened a private incident. */
  breach: string;
  /** The same alert again, recorded as a repeat of that incident. */
  repeat: string;
  /** Named the private incident `secret`, and was posted there as an update. */
  note: string;
  /** Opened a public incident. */
  page: string;
  opened: { id: string; reference: string };
  publicOne: { id: string; reference: string };
}
const sent = new Map<string, AlertsSent>();

let t: TestEmulator;
let provider: TestOidcProvider;
const opened: { hub: Hub; store: Store; url: string }[] = [];
let session: OpsSession;
/** Every private incident the hubs mirror, and the one declared here (newest, with `MARK`). */
let hidden: { id: string; reference: string }[] = [];
let secret = { id: "", reference: "" };
/** A public incident worded like the private one: its similar incidents must not include it. */
let alike = { id: "", reference: "" };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A hub whose hub.yaml is `yaml` (its sources added), mirroring the demo; resolves to its URL once mirrored. */
async function startHub(yaml: string[], env: Record<string, string> = {}): Promise<string> {
  const loaded = loadHubConfig(
    [
      ...yaml,
      "sources:",
      "  prometheus: { format: alertmanager, token_env: PROM }",
      "  ops: { format: generic, token_env: OPS }",
    ].join("\n"),
    "hub.yaml",
    {
      env: {
        PROM: PROM_TOKEN,
        OPS: OPS_TOKEN,
        HUB_ADMIN_TOKEN: ADMIN_TOKEN,
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        ...env,
      },
      dataDir: "/data",
    },
  );
  const config: HubConfig = {
    ...loaded,
    mirror: { enabled: true, reconcileEveryMs: 3_600_000 },
    catalog: { dir: demoCatalogDir(), field: "Affected services" },
  };
  const store = await openTestStore();
  const io = new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, fetch: t.fetch, rateLimit: false });
  const hub = createHub({
    logger: quietLogger(),
    config,
    store,
    rules: rulesFrom(RULES),
    session: openSession(io, { alias: "demo" }),
  });
  const url = await hub.start();
  opened.push({ hub, store, url });
  await hub.mirror?.sync("demo");
  if (hidden.length === 0) {
    hidden = (await listMirroredIncidents(store.db, { account: "demo" }))
      .filter((incident) => incident.visibility === "private")
      .map(({ id, reference }) => ({ id, reference }));
  }
  sent.set(url, await sendAlerts(hub, store, url));
  return url;
}

/** Posts one alert to the hub's `ops` source; resolves to its ID. */
async function postAlert(url: string, alert: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${url}/alerts/ops`, {
    method: "POST",
    headers: { authorization: `Bearer ${OPS_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(alert),
  });
  expect(response.status).toBe(202);
  const { alerts } = (await response.json()) as { alerts: Array<{ id: string }> };
  return alerts[0]?.id ?? "";
}

/** Delivers the hub's outbox until nothing waits; fails on a call that failed. */
async function deliverAll(hub: Hub, store: Store): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await hub.worker.runOnce();
    const left = await store.db.selectFrom("outbox").select(["kind", "state", "last_error"]).execute();
    expect(left.filter((entry) => entry.state === "failed")).toEqual([]);
    if (left.every((entry) => entry.state === "delivered")) return;
    if (Date.now() > deadline) throw new Error(`outbox not delivered: ${JSON.stringify(left)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The incident the alert's group opened, as the hub's alert tables keep it. */
async function groupIncident(store: Store, alertId: string): Promise<{ id: string; reference: string }> {
  const row = await store.db
    .selectFrom("alerts as a")
    .innerJoin("alert_groups as g", "g.group_key", "a.group_key")
    .select(["g.incident_id", "g.incident_reference"])
    .where("a.id", "=", alertId)
    .executeTakeFirstOrThrow();
  return { id: row.incident_id ?? "", reference: row.incident_reference ?? "" };
}

/**
 * Alerts through the hub, delivered to the emulator and mirrored back: one opening a private incident (and
 * repeated), one naming the private incident `secret`, one opening a public incident.
 */
async function sendAlerts(hub: Hub, store: Store, url: string): Promise<AlertsSent> {
  const breach = await postAlert(url, {
    dedup_key: "vault-breach",
    status: "firing",
    title: "Vault host breached",
    severity: "critical",
    labels: { kind: "breach" },
  });
  const note = await postAlert(url, {
    dedup_key: "vault-note",
    status: "firing",
    title: "Vault keys rotated",
    incident_io_incident_id: secret.id,
  });
  const page = await postAlert(url, {
    dedup_key: "checkout-down",
    status: "firing",
    title: "Checkout down",
    severity: "critical",
  });
  await deliverAll(hub, store);
  const repeat = await postAlert(url, {
    dedup_key: "vault-breach",
    status: "firing",
    title: "Vault host breached",
    severity: "critical",
    labels: { kind: "breach" },
  });
  await hub.mirror?.sync("demo");
  const opened = await groupIncident(store, breach);
  expect(t.emulator.incidents().find((incident) => incident.id === opened.id)?.visibility).toBe("private");
  hidden.push(opened);
  return { breach, repeat, note, page, opened, publicOne: await groupIncident(store, page) };
}

/** The alerts page's row of one alert. */
function alertRow(html: string, id: string): string {
  const row = new RegExp(`<tr data-alert="${id}">[\\s\\S]*?</tr>`).exec(html)?.[0];
  expect(row, id).toBeDefined();
  return row ?? "";
}

/** The alerts page names no private incident, yet shows every alert, its delivery, and the public incident. */
async function expectAlertsWithheld(url: string, viewer: Viewer): Promise<void> {
  const alerts = sent.get(url);
  const answer = await page(url, viewer, "/alerts");
  expect(answer.status).toBe(200);
  expect(privateNamed(answer.html)).toBeUndefined();
  for (const id of [alerts?.breach ?? "", alerts?.repeat ?? ""]) {
    expect(alertRow(answer.html, id)).toContain(">private incident</span>");
  }
  const breach = alertRow(answer.html, alerts?.breach ?? "");
  expect(breach).toContain("Vault host breached");
  expect(breach).toContain(">delivered</span>");
  expect(alertRow(answer.html, alerts?.repeat ?? "")).toContain(`repeat of ${WITHHELD_INCIDENT}`);
  const note = alertRow(answer.html, alerts?.note ?? "");
  expect(note).toContain(`the alert names ${WITHHELD_INCIDENT}: posted there as an update`);
  expect(note).toContain(">delivered</span>");
  expect(alertRow(answer.html, alerts?.page ?? "")).toContain(`>${alerts?.publicOne.reference}</a>`);
}

/** The alerts page names the private incidents the alerts opened or named, as for any incident. */
async function expectAlertsNamed(url: string, viewer: Viewer): Promise<void> {
  const alerts = sent.get(url);
  const answer = await page(url, viewer, "/alerts");
  expect(answer.status).toBe(200);
  expect(answer.html).not.toContain("private incident");
  expect(alertRow(answer.html, alerts?.breach ?? "")).toContain(`>${alerts?.opened.reference}<`);
  expect(alertRow(answer.html, alerts?.repeat ?? "")).toContain(`repeat of ${alerts?.opened.reference}`);
  expect(alertRow(answer.html, alerts?.note ?? "")).toContain(`the alert names incident ${secret.id}`);
  expect(alertRow(answer.html, alerts?.page ?? "")).toContain(`>${alerts?.publicOne.reference}</a>`);
}

const oidcPort = { value: 0 };
const oidcUrl = () => `http://127.0.0.1:${oidcPort.value}`;

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, seed: "demo" });
  session = openSession(
    new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, fetch: t.fetch, rateLimit: false }),
    { alias: "demo" },
  );
  const declare = async (visibility: "public" | "private", name: string, summary: string) =>
    (
      await declareIncident(session, {
        name,
        summary,
        severity: "Major",
        visibility,
        customFields: { "Affected services": "Auth Service" },
        idempotencyKey: `private-incidents-e2e-${visibility}`,
      })
    ).incident;
  secret = await declare(
    "private",
    `Token vault ${MARK} signing keys copied to a laptop`,
    `The token vault's signing keys (${MARK}) were copied off the vault host.`,
  );
  alike = await declare(
    "public",
    "Token vault signing keys copied to a laptop again",
    "Signing keys copied.",
  );
  oidcPort.value = await freePort();
  provider = await startOidcProvider([`${oidcUrl()}/sign-in/callback`]);
}, 60_000);

afterAll(async () => {
  for (const { hub, store } of opened) {
    await hub.close();
    await store.close();
  }
  await provider?.close();
  await t?.close();
});

/** How a viewer asks for pages: their cookies (a session), or headers (what the proxy adds). */
type Viewer = { jar: CookieJar; headers?: Record<string, string> };

async function page(url: string, viewer: Viewer, path: string): Promise<{ status: number; html: string }> {
  const response = await visit(
    viewer.jar,
    `${url}${path}`,
    viewer.headers ? { headers: viewer.headers } : {},
  );
  return { status: response.status, html: await response.text() };
}

/** Whether the HTML names a private incident: its ID (its page's link), its reference, or the mark. */
function privateNamed(html: string): string | undefined {
  if (html.includes(MARK)) return MARK;
  for (const incident of hidden) {
    if (html.includes(incident.id)) return incident.id;
    if (new RegExp(`\\b${incident.reference}\\b`).test(html)) return incident.reference;
  }
  return undefined;
}

/** The pages that never show a private incident, whoever asks: derived from public incidents alone. */
const DERIVED_PAGES = [
  "/",
  `/services/${AUTH_SERVICE}`,
  "/analytics",
  "/analytics?by=team&since=3650d",
  "/sync",
  "/catalog",
];

/** What someone `private_incidents` does not allow sees: no private incident, anywhere, by any way in. */
async function expectNoPrivate(url: string, viewer: Viewer): Promise<void> {
  for (const path of [
    "/incidents",
    "/incidents?q=token%20vault",
    "/incidents?q=credential",
    `/incidents?service=${encodeURIComponent(AUTH_SERVICE)}`,
    `/incidents/${alike.id}`,
    ...DERIVED_PAGES,
  ]) {
    const answer = await page(url, viewer, path);
    expect(answer.status, path).toBe(200);
    expect(privateNamed(answer.html), path).toBeUndefined();
  }
  await expectAlertsWithheld(url, viewer);
  // The search finds the public incident worded alike, and nothing else.
  const search = await page(url, viewer, "/incidents?q=token%20vault");
  expect([...search.html.matchAll(/<tr data-reference="([^"]+)"/g)].map((match) => match[1])).toEqual([
    alike.reference,
  ]);
  // By ID or reference: the answer of an incident that does not exist, word for word but for the name asked.
  const missing = await page(url, viewer, "/incidents/01J0000000000000000000NONE");
  expect(missing.status).toBe(404);
  for (const ref of [secret.id, secret.reference, hidden[0]?.id ?? ""]) {
    const answer = await page(url, viewer, `/incidents/${ref}`);
    expect(answer.status, ref).toBe(404);
    expect(answer.html.replaceAll(ref, "X"), ref).toBe(
      missing.html.replaceAll("01J0000000000000000000NONE", "X"),
    );
  }
}

/** What someone allowed sees: the private incidents listed and searchable, marked private, and their pages. */
async function expectPrivate(url: string, viewer: Viewer): Promise<void> {
  const listed = await page(url, viewer, "/incidents?q=token%20vault");
  expect(listed.status).toBe(200);
  const row = new RegExp(`<tr data-reference="${secret.reference}">[\\s\\S]*?</tr>`).exec(listed.html)?.[0];
  expect(row).toContain(MARK);
  expect(row).toContain(">private</span>");
  const all = await page(url, viewer, "/incidents");
  expect(all.html).toContain(`href="/incidents/${secret.id}"`);
  const byService = await page(url, viewer, `/incidents?service=${encodeURIComponent(AUTH_SERVICE)}`);
  expect(byService.html).toContain(secret.reference);
  for (const ref of [secret.id, secret.reference]) {
    const own = await page(url, viewer, `/incidents/${ref}`);
    expect(own.status, ref).toBe(200);
    expect(own.html).toContain(`${secret.reference}: Token vault ${MARK}`);
    expect(own.html).toContain("This incident is private in incident.io.");
    expect(own.html).toContain("Auth Service");
  }
  const seeded = hidden.find((incident) => incident.id !== secret.id);
  expect((await page(url, viewer, `/incidents/${seeded?.id}`)).status).toBe(200);
  // Nothing derived from incidents draws on them, for those allowed too: a public incident worded alike does
  // not list the private one among its similar incidents.
  for (const path of [`/incidents/${alike.id}`, ...DERIVED_PAGES]) {
    const answer = await page(url, viewer, path);
    expect(answer.status, path).toBe(200);
    expect(privateNamed(answer.html), path).toBeUndefined();
  }
  await expectAlertsNamed(url, viewer);
}

describe("auth: { mode: oidc } with private_incidents", () => {
  let url = "";
  beforeAll(async () => {
    url = await startHub([
      `listen: { host: 127.0.0.1, port: ${oidcPort.value} }`,
      `public_url: ${oidcUrl()}`,
      "auth:",
      "  mode: oidc",
      `  issuer: ${provider.issuer}`,
      `  client_id: ${CLIENT_ID}`,
      "  client_secret_env: OIDC_CLIENT_SECRET",
      "  allowed_domains: [example.com]",
      "  allowed_groups: [sre]",
      "  scopes: [openid, email, profile, groups]",
      // vic is named by an email the provider has not verified: that proves nothing.
      "  private_incidents: { emails: [Ana@Example.com, vic@partner.example], groups: [security] }",
    ]);
  }, 60_000);

  async function signedIn(person: PersonId): Promise<Viewer> {
    const jar = new CookieJar();
    provider.signInAs(person);
    const login = await follow(jar, `${url}/incidents`);
    expect(login.url.origin).toBe(provider.issuer);
    await login.response?.body?.cancel();
    const pressed = await visit(jar, login.url, { method: "POST" });
    const callback = await follow(jar, new URL(pressed.headers.get("location") ?? "", login.url));
    expect(callback.response?.status).toBe(200);
    await callback.response?.body?.cancel();
    return { jar };
  }

  it("shows them to a person named by verified email, marked private, and nowhere else", async () => {
    await expectPrivate(url, await signedIn("ana"));
  });

  it("shows them to a member of a group named, from the provider's groups claim", async () => {
    await expectPrivate(url, await signedIn("sia"));
  });

  it("hides them from a person let in but not named, and from one named by an unverified email", async () => {
    await expectNoPrivate(url, await signedIn("gus"));
    await expectNoPrivate(url, await signedIn("vic"));
  });

  it("shows one made private since the list was last built, once the mirror has it", async () => {
    const ana = await signedIn("ana");
    expect((await page(url, ana, "/incidents?q=badge%20printer")).html).not.toContain("<tr data-reference=");
    const later = (
      await declareIncident(session, {
        name: "Badge printer enrolled to a stranger's laptop",
        severity: "Minor",
        visibility: "private",
        idempotencyKey: "private-incidents-e2e-later",
      })
    ).incident;
    await opened.find((entry) => entry.url === url)?.hub.mirror?.sync("demo");
    const listed = await page(url, ana, "/incidents?q=badge%20printer");
    expect(listed.html).toContain(`<tr data-reference="${later.reference}">`);
    hidden.push({ id: later.id, reference: later.reference });
  });

  it("gives the alert's own source token its incident, private or not, as the API always has", async () => {
    const alerts = sent.get(url);
    const answer = await fetch(`${url}/alerts/${alerts?.breach}`, {
      headers: { authorization: `Bearer ${OPS_TOKEN}` },
    });
    expect(answer.status).toBe(200);
    const detail = (await answer.json()) as { group: { incident_id: string; incident_reference: string } };
    expect(detail.group).toMatchObject({
      incident_id: alerts?.opened.id,
      incident_reference: alerts?.opened.reference,
    });
  });

  it("hides them from a request without a session: sent to sign in, the page not even built", async () => {
    const answer = await visit(new CookieJar(), `${url}/incidents/${secret.id}`);
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe(`/sign-in?next=%2Fincidents%2F${secret.id}`);
  });
});

describe("auth: { mode: proxy } with private_incidents", () => {
  let url = "";
  beforeAll(async () => {
    url = await startHub([
      "listen: { host: 127.0.0.1, port: 0 }",
      "auth:",
      "  mode: proxy",
      "  header: X-Forwarded-Email",
      "  groups_header: X-Forwarded-Groups",
      "  trusted_proxies: [127.0.0.1]",
      "  private_incidents: { emails: [ana@example.com], groups: [security] }",
    ]);
  }, 60_000);
  const viaProxy = (email: string, groups?: string): Viewer => ({
    jar: new CookieJar(),
    headers: { "x-forwarded-email": email, ...(groups ? { "x-forwarded-groups": groups } : {}) },
  });

  it("shows them to the person the proxy names, and to a member of a group its header lists", async () => {
    await expectPrivate(url, viaProxy("ana@example.com"));
    await expectPrivate(url, viaProxy("bob@other.example", "sales, security"));
  });

  it("hides them from anyone else the proxy names", async () => {
    await expectNoPrivate(url, viaProxy("bob@other.example", "sales,sre"));
  });
});

describe("sign-in that names nobody", () => {
  it("never shows them to the admin token's session", async () => {
    const url = await startHub(["listen: { host: 127.0.0.1, port: 0 }", "auth: { mode: token }"]);
    const jar = new CookieJar();
    const form = await (await visit(jar, `${url}/sign-in`)).text();
    const token = /name="token" value="([^"]+)"/.exec(form)?.[1] ?? "";
    const answer = await visit(jar, `${url}/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: url },
      body: new URLSearchParams({ token, secret: ADMIN_TOKEN, next: "/incidents" }),
    });
    expect(answer.status).toBe(303);
    await expectNoPrivate(url, { jar });
  }, 60_000);

  it("never shows them on a hub without sign-in", async () => {
    const url = await startHub(["listen: { host: 127.0.0.1, port: 0 }"]);
    await expectNoPrivate(url, { jar: new CookieJar() });
  }, 60_000);
});
