/**
 * One hub serving two incident.io organisations (two emulators, accounts `prod` and `staging`), its catalog naming
 * both: each organisation has an INC-1 about checkout, and the hub keeps them apart everywhere. Its mirror holds
 * both under their accounts; each catalog entity takes its own account's incident; a bare INC-1 is refused as
 * ambiguous and `staging/INC-1` found; similar incidents never cross organisations; a webhook signed with
 * staging's secret refreshes staging's incident; pages show references with their account; analytics report on
 * one organisation at a time; an agent on staging's key hears about staging only; the declare form declares in the
 * entity's account with its organisation's severities.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, expect, it } from "vitest";
import { rulesFrom } from "../../src/alerts/rules/testing.js";
import { findMirroredIncident } from "../../src/app/mirrored-incident.js";
import type { Snapshot } from "../../src/emulator/model.js";
import { named, testSnapshot } from "../../src/emulator/testing.js";
import { connectTools, dataOf, sessionOn, textOf } from "../../src/faces/mcp/testing.js";
import { createHub, type Hub, loadHubConfig, WEBHOOK_PATH } from "../../src/hub/index.js";
import { TEST_RULES } from "../../src/hub/testing.js";
import { listMirroredIncidents, type MirroredIncident } from "../../src/mirror/index.js";
import { declareIncident, type OpsSession } from "../../src/ops/index.js";
import type { Store } from "../../src/store/index.js";
import { openTestStore } from "../../src/store/testing/databases.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";
import { quietLogger } from "../support/quiet-logger.js";
import { eventually } from "./hub-harness.js";

const secretOf = (words: string) => `whsec_${Buffer.from(words).toString("base64")}`;
const PROD_SECRET = secretOf("prod organisation signing secret");
const STAGING_SECRET = secretOf("staging organisation signing secret");

const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: shop-team }
spec: { type: team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: checkout, title: Checkout }
spec: { type: service, lifecycle: production, owner: shop-team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout-staging
  title: Checkout (staging)
  annotations: { incidentkit.io/account: staging, incidentkit.io/incident-field-value: checkout }
spec: { type: service, lifecycle: staging, owner: shop-team }
`;

let dir: string;
let prod: TestEmulator;
let staging: TestEmulator;
let sessions: Record<"prod" | "staging", OpsSession>;
let store: Store;
let hub: Hub;
let declared: Record<"prod" | "staging", { id: string; reference: string }>;

/** Checkout's incident, declared the same way in an organisation. */
async function declareCheckout(session: OpsSession, snapshot: Snapshot) {
  const field = named(snapshot.custom_fields, "Service");
  const entry = snapshot.catalog_entries.find((e) => e.name === "checkout");
  const { incident } = await declareIncident(session, {
    name: "Checkout returning 5xx",
    summary: "Checkout requests fail with 502 from the payments gateway.",
    severity: "Major",
    customFields: { [field.id]: entry?.id ?? "" },
  });
  return { id: incident.id, reference: incident.reference };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "incidentkit-accounts-"));
  mkdirSync(join(dir, "catalog"));
  writeFileSync(join(dir, "catalog", "catalog-info.yaml"), CATALOG);
  const snapshots = { prod: testSnapshot(), staging: testSnapshot() };
  prod = await startTestEmulator({ ephemeral: true, snapshot: snapshots.prod });
  staging = await startTestEmulator({ ephemeral: true, snapshot: snapshots.staging });
  sessions = {
    prod: sessionOn(prod, prod.adminKey, "prod"),
    staging: sessionOn(staging, staging.adminKey, "staging"),
  };
  declared = {
    prod: await declareCheckout(sessions.prod, snapshots.prod),
    staging: await declareCheckout(sessions.staging, snapshots.staging),
  };
  store = await openTestStore();
  const config = loadHubConfig(
    [
      "listen: { host: 127.0.0.1, port: 0 }",
      `catalog: { dir: ${join(dir, "catalog")}, field: Service, account: prod }`,
      "webhooks:",
      "  secret_env: PROD_SECRET",
      "  accounts:",
      "    staging: { secret_env: STAGING_SECRET }",
      "sources:",
      "  prometheus: { token_env: PROM }",
    ].join("\n"),
    join(dir, "hub.yaml"),
    { env: { PROM: "prom-token-0123456789", PROD_SECRET, STAGING_SECRET }, dataDir: dir },
  );
  hub = createHub({
    logger: quietLogger(),
    config,
    store,
    rules: rulesFrom(TEST_RULES),
    session: sessions.prod,
    sessionFor: (alias) => {
      if (alias !== "staging") throw new Error(`no account ${alias}`);
      return sessions.staging;
    },
  });
  await hub.mirror?.syncAll();
});

afterAll(async () => {
  await hub?.close();
  await store?.close();
  await prod?.close();
  await staging?.close();
  rmSync(dir, { recursive: true, force: true });
});

it("serves every account its catalog names, and mirrors each organisation's incidents under its account", async () => {
  expect(hub.accounts.aliases).toEqual(["prod", "staging"]);
  expect(declared.prod.reference).toBe(declared.staging.reference);
  const mirrored = await listMirroredIncidents(store.db);
  expect(mirrored.map((incident) => [incident.account, incident.reference]).sort()).toEqual([
    ["prod", declared.prod.reference],
    ["staging", declared.staging.reference],
  ]);
});

it("maps each entity to its own account's incident, and scores each on its own", async () => {
  const snapshot = await hub.directory.current();
  const ids = (ref: string) => (snapshot.byEntity.get(ref) ?? []).map((incident) => incident.id);
  expect(ids("component:default/checkout")).toEqual([declared.prod.id]);
  expect(ids("component:default/checkout-staging")).toEqual([declared.staging.id]);
});

it("resolves a reference within its account, and refuses one two accounts share", async () => {
  const ref = declared.prod.reference;
  await expect(findMirroredIncident(hub.directory, ref)).rejects.toMatchObject({
    code: "invalid_argument",
    message: `${ref} names an incident in each of 2 accounts: prod/${ref}, staging/${ref}`,
  });
  expect((await findMirroredIncident(hub.directory, `staging/${ref}`))?.id).toBe(declared.staging.id);
  expect((await findMirroredIncident(hub.directory, ref, { account: "prod" }))?.id).toBe(declared.prod.id);
});

it("never ranks another organisation's incident as similar", async () => {
  const incident = (await findMirroredIncident(
    hub.directory,
    `prod/${declared.prod.reference}`,
  )) as MirroredIncident;
  const similar = await hub.directory.findSimilar({ incident }, { similarityThreshold: 0 });
  expect(similar.results.map((result) => result.incident.id)).not.toContain(declared.staging.id);
});

it("takes a webhook signed with staging's secret as staging's, and refreshes the incident there", async () => {
  await sessions.staging.io.incidents.edit(declared.staging.id, {
    incident: { name: "Checkout returning 5xx (staging only)" },
    notify_incident_channel: false,
  });
  const body = JSON.stringify({
    event_type: "public_incident.incident_updated_v2",
    "public_incident.incident_updated_v2": { id: declared.staging.id },
  });
  const at = new Date();
  const response = await hub.app.request(WEBHOOK_PATH, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": "msg_staging_1",
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(STAGING_SECRET).sign("msg_staging_1", at, body),
    },
    body,
  });
  expect(response.status).toBe(202);
  const renamed = await eventually(async () => {
    const rows = await listMirroredIncidents(store.db, { account: "staging" });
    return rows.find((row) => row.name.endsWith("(staging only)"));
  }, "staging's renamed incident");
  expect(renamed.id).toBe(declared.staging.id);
  const prodRows = await listMirroredIncidents(store.db, { account: "prod" });
  expect(prodRows.map((row) => row.name)).toEqual(["Checkout returning 5xx"]);
});

it("shows each reference with its account on the hub's pages", async () => {
  const ref = declared.prod.reference;
  const html = await (await hub.app.request("/incidents")).text();
  expect(html).toContain(`data-reference="prod/${ref}"`);
  expect(html).toContain(`data-reference="staging/${ref}"`);
  const page = await (await hub.app.request(`/incidents/${declared.staging.id}`)).text();
  expect(page).toContain(`<title>staging/${ref}: Checkout returning 5xx`);
});

it("reports analytics on one organisation at a time, the hub's own by default", async () => {
  const report = async (query: string) => {
    const html = await (await hub.app.request(`/analytics?since=30d${query}`)).text();
    const selected = /<option value="([^"]+)" selected/.exec(html.slice(html.indexOf("analytics-account")));
    // Each organisation has one open incident: pooled, the page would count two.
    return { account: selected?.[1], open: /(\d+) still open/.exec(html)?.[1] };
  };
  expect(await report("")).toEqual({ account: "prod", open: "1" });
  expect(await report("&account=staging")).toEqual({ account: "staging", open: "1" });
  const unknown = await (await hub.app.request("/analytics?account=elsewhere")).text();
  expect(unknown).toContain("This hub does not serve the account “elsewhere”; showing prod.");
});

it("answers an agent about its own account only", async () => {
  const tools = await connectTools(sessions.staging, { hub: { directory: hub.directory, store } });
  try {
    const call = (name: string, args: Record<string, unknown>) =>
      tools.client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
    const similar = await call("find_similar_incidents", {
      incident: declared.staging.reference,
      similarity_threshold: 0,
    });
    expect(similar.isError).toBeFalsy();
    expect(textOf(similar)).not.toContain(declared.prod.id);
    const mttr = await call("get_mttr", { since: "30d" });
    expect(dataOf(mttr).all.open + dataOf(mttr).all.resolved).toBe(1);
    const elsewhere = await call("get_investigation", { incident: `prod/${declared.prod.reference}` });
    expect(elsewhere.isError).toBe(true);
    expect(textOf(elsewhere)).toContain("names account prod, and this asks within account staging");
  } finally {
    await tools.close();
  }
});

it("declares from an entity's page in the entity's account, with that organisation's severities", async () => {
  const ref = "component:default/checkout-staging";
  const page = await (await hub.app.request(`/services/${encodeURIComponent(ref)}`)).text();
  const action = /<form method="post" action="([^"]+)" class="declare"/.exec(page)?.[1] ?? "";
  const token = /name="token" value="([^"]+)"/.exec(page)?.[1] ?? "";
  const major = /<option value="([^"]+)"[^>]*>\s*Major/.exec(page)?.[1] ?? "";
  const stagingMajor = (await sessions.staging.lookups.severity("Major")).id;
  expect(major).toBe(stagingMajor);
  const posted = await hub.app.request(action.replaceAll("&amp;", "&"), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      token,
      name: "Staging checkout down",
      summary: "",
      severity: major,
      mode: "test",
    }),
  });
  expect(posted.status).toBe(303);
  // Each organisation had one incident: the next is INC-2, in staging only.
  const opened = await sessions.staging.io.incidents.show(2);
  expect([opened.name, opened.severity?.id]).toEqual(["Staging checkout down", stagingMajor]);
  await expect(sessions.prod.io.incidents.show(2)).rejects.toMatchObject({ status: 404 });
});
