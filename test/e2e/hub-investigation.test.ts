/**
 * Auto-investigation end to end: the emulator (listening) opens an incident and sends its signed webhook over
 * real HTTP to the hub (createHub in process, on a real port), which investigates it and publishes the findings
 * to the incident's summary in the emulator and to a Slack sink, exactly once: also when the same signed
 * delivery is sent again (twice, at the same time) and when a second created event for the incident arrives.
 * And a private incident stays out of a public one worded like it: out of its findings, its Slack post, the hub's
 * pages and the agents' answers.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, expect, it } from "vitest";
import { rulesFrom } from "../../src/alerts/rules/testing.js";
import { IncidentIo } from "../../src/api/index.js";
import { testSnapshot } from "../../src/emulator/testing.js";
import { connectTools, textOf } from "../../src/faces/mcp/testing.js";
import { createHub, type Hub, WEBHOOK_PATH } from "../../src/hub/index.js";
import { TEST_RULES, testHubConfig } from "../../src/hub/testing.js";
import { latestInvestigation } from "../../src/investigate/investigation/index.js";
import { listMirroredIncidents } from "../../src/mirror/index.js";
import { type SlackSink, startSlackSink } from "../../src/notify/testing/slack-sink.js";
import { openSession, postUpdate } from "../../src/ops/index.js";
import type { Store } from "../../src/store/index.js";
import { openTestStore } from "../../src/store/testing/databases.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";
import { quietLogger } from "../support/quiet-logger.js";
import { eventually as waitFor } from "./hub-harness.js";

const SECRET = `whsec_${Buffer.from("investigation e2e signing secret").toString("base64")}`;
const MARK = "**incidentkit investigation**";

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

let t: TestEmulator;
let store: Store;
let hub: Hub;
let sink: SlackSink;
let proxy: Server;
let hubUrl = "";
const deliveries: Delivery[] = [];
const snapshot = testSnapshot();

/** Forwards the emulator's deliveries to the hub and keeps a copy of each, to send again. */
function startRecordingProxy(): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const delivery = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      deliveries.push(delivery);
      void send(delivery).then(
        (answer) => res.writeHead(answer.status).end(),
        () => res.writeHead(502).end(),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function send(delivery: Delivery): Promise<Response> {
  const headers = new Headers({ "content-type": "application/json" });
  for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
    const value = delivery.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  return fetch(`${hubUrl}${WEBHOOK_PATH}`, { method: "POST", headers, body: delivery.body });
}

beforeAll(async () => {
  sink = await startSlackSink();
  t = await startTestEmulator({ ephemeral: true, snapshot, listen: true });
  store = await openTestStore();
  const io = new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, rateLimit: false });
  hub = createHub({
    logger: quietLogger(),
    config: {
      ...testHubConfig(),
      webhookSecret: SECRET,
      mirror: { enabled: true, reconcileEveryMs: 3_600_000 },
      investigations: { auto: true, includeTest: false, publish: { summary: true, slack: true } },
      slack: {
        via: "webhook",
        webhookUrlEnv: "SLACK_WEBHOOK_URL",
        webhookUrl: `${sink.url}/services/T0/B0/secret`,
      },
    },
    store,
    rules: rulesFrom(TEST_RULES),
    session: openSession(io, { alias: "prod" }),
  });
  hubUrl = await hub.start();
  proxy = await startRecordingProxy();
  const { port } = proxy.address() as AddressInfo;
  t.emulator.webhooks.addEndpoint({ url: `http://127.0.0.1:${port}/`, secret: SECRET });
});

afterAll(async () => {
  await new Promise<void>((resolve) => {
    if (!proxy) return resolve();
    proxy.close(() => resolve());
    proxy.closeAllConnections();
  });
  await hub?.close();
  await store?.close();
  await t?.close();
  await sink?.close();
});

/** Polls until `probe` gives a value (this file's waits: up to 15 s, every 50 ms). */
const eventually = <T>(probe: () => Promise<T | undefined>, what: string) => waitFor(probe, what, 15_000, 50);

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${t.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${t.adminKey}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return (await response.json()) as T;
}

const summaryOf = async (id: string) =>
  (await api<{ incident: { summary?: string } }>("GET", `/v2/incidents/${id}`)).incident.summary ?? "";
const blocks = (summary: string) => summary.split(MARK).length - 1;

/** Waits until the hub has finished processing the delivery with this webhook-id. */
const processed = (webhookId: string) =>
  eventually(async () => {
    const row = await store.db
      .selectFrom("webhook_receipts")
      .select("processed_at")
      .where("webhook_id", "=", webhookId)
      .executeTakeFirst();
    return row?.processed_at ? row : undefined;
  }, `delivery ${webhookId} processed`);

it("investigates a new incident and publishes the findings to its summary and to Slack, once", async () => {
  const { incident } = await api<{ incident: { id: string; reference: string } }>("POST", "/v2/incidents", {
    idempotency_key: "investigation-e2e-1",
    visibility: "public",
    name: "Checkout returning 5xx after the payments deploy",
    summary: "Checkout answers 502 for a third of requests.",
    severity_id: snapshot.severities.at(-1)?.id,
  });
  const summary = await eventually(async () => {
    const text = await summaryOf(incident.id);
    return text.includes(MARK) ? text : undefined;
  }, "the findings in the summary");
  expect(summary.startsWith("Checkout answers 502 for a third of requests.")).toBe(true);
  expect(summary).toContain(`${incident.reference} "Checkout returning 5xx after the payments deploy"`);
  expect(summary).toContain("**Probable causes**");
  await eventually(async () => (sink.requests.length > 0 ? true : undefined), "the Slack post");
  expect(sink.requests).toHaveLength(1);
  const post = sink.requests[0]?.json as { text: string; blocks: unknown[] };
  expect(post.text).toContain(incident.reference);
  expect(JSON.stringify(post.blocks)).toContain("Checkout returning 5xx after the payments deploy");

  const stored = await eventually(async () => {
    const latest = await latestInvestigation(store.db, incident.id);
    return latest?.published.slackPostedAt && latest.published.summaryAppendedAt ? latest : undefined;
  }, "the publish state");
  expect(stored).toMatchObject({
    trigger: "auto",
    errors: [],
    report: { incident: { reference: incident.reference } },
  });

  // The same signed delivery twice at once, and a second created event for the incident with its own id.
  const created = deliveries.find(
    (d) =>
      JSON.parse(d.body).event_type === "public_incident.incident_created_v2" && d.body.includes(incident.id),
  );
  if (!created) throw new Error("the emulator's created delivery was not seen");
  const answers = await Promise.all([send(created), send(created)]);
  expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200]);
  const again = { ...created, headers: signed("msg_second_created", created.body) };
  expect((await send(again)).status).toBe(202);
  await processed("msg_second_created");

  expect(blocks(await summaryOf(incident.id))).toBe(1);
  expect(sink.requests).toHaveLength(1);
  const rows = await store.db
    .selectFrom("investigations")
    .selectAll()
    .where("incident_id", "=", incident.id)
    .execute();
  expect(rows).toHaveLength(1);
});

it("skips test incidents, as configured", async () => {
  const before = sink.requests.length;
  const { incident } = await api<{ incident: { id: string } }>("POST", "/v2/incidents", {
    idempotency_key: "investigation-e2e-test-mode",
    visibility: "public",
    mode: "test",
    name: "Test incident: paging works",
    severity_id: snapshot.severities[0]?.id,
  });
  const delivery = await eventually(
    async () => deliveries.find((d) => d.body.includes(incident.id) && d.body.includes("incident_created")),
    "the created delivery",
  );
  await processed(String(delivery.headers["webhook-id"]));
  expect(await latestInvestigation(store.db, incident.id)).toBeUndefined();
  expect(await summaryOf(incident.id)).not.toContain(MARK);
  expect(sink.requests).toHaveLength(before);
});

it("keeps a private incident out of a public one worded alike: its summary, Slack, the pages and agents", async () => {
  const SECRET_CAUSE = "ROOTCAUSE-7f3: the ledger signing key was rotated without a deploy";
  const secretIncident = await api<{ incident: { id: string; reference: string } }>("POST", "/v2/incidents", {
    idempotency_key: "investigation-e2e-private",
    visibility: "private",
    name: "Ledger service returning 500 on every write",
    summary: `Every ledger write fails. ${SECRET_CAUSE}.`,
    severity_id: snapshot.severities.at(-1)?.id,
  });
  const hidden = secretIncident.incident;
  await eventually(async () => {
    const rows = await listMirroredIncidents(store.db, { account: "prod" });
    return rows.find((row) => row.id === hidden.id && row.visibility === "private");
  }, "the private incident in the mirror");
  const postsBefore = sink.requests.length;
  const { incident } = await api<{ incident: { id: string; reference: string } }>("POST", "/v2/incidents", {
    idempotency_key: "investigation-e2e-public-alike",
    visibility: "public",
    name: "Ledger service returning 500 on every write again",
    summary: "Every ledger write fails.",
    severity_id: snapshot.severities.at(-1)?.id,
  });
  const summary = await eventually(async () => {
    const text = await summaryOf(incident.id);
    return text.includes(MARK) ? text : undefined;
  }, "the public incident's findings");
  await eventually(
    async () =>
      sink.requests.slice(postsBefore).some((r) => JSON.stringify(r.json).includes(incident.reference))
        ? true
        : undefined,
    "the public incident's Slack post",
  );
  // The private incident by any of its marks: its root cause, its name, its reference (not INC-12 for INC-1).
  const leaks = (text: string) =>
    text.includes("ROOTCAUSE-7f3") ||
    text.includes('returning 500 on every write"') ||
    new RegExp(`\\b${hidden.reference}\\b`).test(text) ||
    text.includes(hidden.id);
  expect(leaks(summary)).toBe(false);
  for (const request of sink.requests) expect(leaks(JSON.stringify(request.json))).toBe(false);
  for (const path of ["/incidents", `/incidents/${incident.id}`, "/analytics", "/services"]) {
    const html = await (await fetch(`${hubUrl}${path}`)).text();
    expect(html.includes("ROOTCAUSE-7f3") || html.includes(hidden.id), path).toBe(false);
  }
  const privatePage = await fetch(`${hubUrl}/incidents/${hidden.id}`);
  expect(privatePage.status).toBe(404);
  expect(await privatePage.text()).not.toContain("ROOTCAUSE-7f3");
  const tools = await connectTools(
    openSession(new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, rateLimit: false }), { alias: "prod" }),
    {
      hub: { directory: hub.directory, store },
    },
  );
  try {
    const similar = (await tools.client.callTool({
      name: "find_similar_incidents",
      arguments: { incident: incident.reference, similarity_threshold: 0 },
    })) as CallToolResult;
    expect(similar.isError).toBeFalsy();
    expect(leaks(JSON.stringify(similar))).toBe(false);
    const asked = (await tools.client.callTool({
      name: "get_investigation",
      arguments: { incident: hidden.reference },
    })) as CallToolResult;
    expect(asked.isError).toBe(true);
    expect(textOf(asked)).toContain("is private");
    expect(JSON.stringify(asked)).not.toContain("ROOTCAUSE-7f3");
  } finally {
    await tools.close();
  }
});

it("says how a similar incident was resolved only once it is: from its closing update, never from its summary", async () => {
  const session = openSession(new IncidentIo({ apiKey: t.adminKey, baseUrl: t.url, rateLimit: false }), {
    alias: "prod",
  });
  const declareAlike = async (key: string) =>
    (
      await api<{ incident: { id: string; reference: string } }>("POST", "/v2/incidents", {
        idempotency_key: key,
        visibility: "public",
        name: "Card payments declined by the processor",
        summary: "Card payments fail at the processor.\n\nSuspect the processor's TLS certificate.",
        severity_id: snapshot.severities.at(-1)?.id,
      })
    ).incident;
  const reportOf = (id: string) =>
    eventually(async () => (await latestInvestigation(store.db, id))?.report ?? undefined, "the findings");
  const past = await declareAlike("investigation-e2e-past");
  await reportOf(past.id);

  // Still open: listed as similar, never as resolved, and its summary is not quoted as how.
  const second = await declareAlike("investigation-e2e-second");
  const whileOpen = (await reportOf(second.id)).similarIncidents.find((item) => item.id === past.id);
  expect(whileOpen).toMatchObject({ resolved: false, resolution: null });
  const findings = await eventually(
    async () => (await summaryOf(second.id)).split(MARK)[1],
    "the findings block",
  );
  expect(findings).not.toContain("Suspect the processor's TLS certificate");
  expect(findings).toMatch(/; not resolved\)/);

  const CLOSING = "The processor renewed its TLS certificate; payments are accepted again.";
  await postUpdate(session, past.id, { message: "Asked the processor.", status: "Fixing" });
  await postUpdate(session, past.id, { message: CLOSING, status: "Closed" });
  await eventually(async () => {
    const rows = await listMirroredIncidents(store.db, { account: "prod" });
    return rows.find((row) => row.id === past.id && row.resolvedAt !== null);
  }, "the past incident resolved in the mirror");
  const third = await declareAlike("investigation-e2e-third");
  const resolved = (await reportOf(third.id)).similarIncidents.find((item) => item.id === past.id);
  expect(resolved).toMatchObject({
    resolved: true,
    resolution: expect.stringMatching(/^The processor renewed/),
  });
  expect(resolved?.resolution).not.toContain("Suspect");
});

function signed(id: string, body: string): IncomingHttpHeaders {
  const at = new Date();
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(SECRET).sign(id, at, body),
  };
}
