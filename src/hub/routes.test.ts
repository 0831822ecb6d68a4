import { connect } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { quietLogger } from "../../test/support/quiet-logger.js";
import { rulesFrom } from "../alerts/rules/testing.js";
import { IncidentIo } from "../api/index.js";
import { testSnapshot } from "../emulator/testing.js";
import { openSession } from "../ops/index.js";
import type { Store } from "../store/index.js";
import { openTestStore } from "../store/testing/databases.js";
import { createHub, type Hub } from "./create-hub.js";
import {
  ADMIN_TOKEN,
  exampleBody,
  GRAFANA_TOKEN,
  PROM_TOKEN,
  resolvedCopy,
  TEST_RULES,
  testHubConfig,
} from "./testing.js";

let t: TestEmulator;
let store: Store;
let hub: Hub;
/** incident.io answers once this resolves: a test holds it to see the outbox before the worker empties it. */
let incidentIoAnswers: Promise<void>;

beforeEach(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot: testSnapshot() });
  store = await openTestStore();
  incidentIoAnswers = Promise.resolve();
  const io = new IncidentIo({
    apiKey: t.adminKey,
    baseUrl: t.url,
    fetch: async (input, init) => {
      await incidentIoAnswers;
      return t.fetch(input, init);
    },
    maxRetries: 0,
    rateLimit: false,
  });
  hub = createHub({
    logger: quietLogger(),
    config: testHubConfig(),
    store,
    rules: rulesFrom(TEST_RULES),
    session: openSession(io),
  });
});

afterEach(async () => {
  await hub.close();
  await store.close();
  await t.close();
});

const post = (source: string, body: string, token: string | null = PROM_TOKEN) =>
  hub.app.request(`/alerts/${source}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
const get = (path: string, token: string | null = ADMIN_TOKEN) =>
  hub.app.request(path, token ? { headers: { authorization: `Bearer ${token}` } } : {});
const countAlerts = async () => (await store.db.selectFrom("alerts").select("id").execute()).length;

describe("POST /alerts/:source", () => {
  it("answers with nosniff and no framing everywhere, and never lets JSON be cached", async () => {
    for (const response of [
      await post("prometheus", exampleBody("alertmanager-firing")),
      await get("/healthz"),
      await get("/"),
    ]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    }
    const answer = await post("prometheus", exampleBody("alertmanager-firing"));
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect(answer.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 404 for a source the config does not name", async () => {
    const response = await post("nagios", exampleBody("alertmanager-firing"));
    expect(response.status).toBe(404);
    expect(await countAlerts()).toBe(0);
  });

  it("answers 401 with WWW-Authenticate when the token is missing or wrong", async () => {
    for (const token of [null, "wrong", GRAFANA_TOKEN, `${PROM_TOKEN}x`]) {
      const response = await post("prometheus", exampleBody("alertmanager-firing"), token);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await response.text()).not.toContain(PROM_TOKEN);
    }
    expect(await countAlerts()).toBe(0);
    const text = await (await get("/metrics", null)).text();
    expect(text).toContain('incidentkit_intake_refused_total{source="prometheus",status="401"} 4');
  });

  it("answers 413 for a body over the source's max_body or max_alerts, and keeps a trace of each", async () => {
    const big = await post("prometheus", JSON.stringify({ alerts: [], padding: "x".repeat(1024 * 1024) }));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toContain("max_body (1MiB)");
    const alerts = Array.from({ length: 101 }, (_, i) => ({
      status: "firing",
      labels: { alertname: `A${i}` },
    }));
    const many = await post("prometheus", JSON.stringify({ version: "4", alerts }));
    expect(many.status).toBe(413);
    expect(((await many.json()) as { error: string }).error).toContain("101 alerts, more than");
    expect(await countAlerts()).toBe(0);
    const refusals = await store.db
      .selectFrom("intake_refusals")
      .select(["source", "http_status", "alerts"])
      .execute();
    expect(refusals).toEqual([
      { source: "prometheus", http_status: 413, alerts: null },
      { source: "prometheus", http_status: 413, alerts: 101 },
    ]);
    const text = await (await get("/metrics", null)).text();
    expect(text).toContain('incidentkit_intake_refused_total{source="prometheus",status="413"} 2');
  });

  it("is degraded while a request was refused whole in the last hour, naming the source and the fix", async () => {
    await post("prometheus", JSON.stringify({ alerts: [], padding: "x".repeat(1024 * 1024) }));
    const health = (await (await get("/healthz", null)).json()) as { status: string; reasons: string[] };
    expect(health.status).toBe("degraded");
    expect(health.reasons).toEqual([
      expect.stringMatching(
        /^1 request was refused whole in the last hour, .*source prometheus, 413: .*raise max_body/,
      ),
    ]);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const response = await post("prometheus", "{not json");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ field: "body", message: "is not valid JSON" }] });
  });

  it("answers 400 naming the fields at fault and stores nothing", async () => {
    const body = JSON.parse(exampleBody("alertmanager-firing")) as { alerts: Array<Record<string, unknown>> };
    delete body.alerts[1]?.labels;
    const response = await post("prometheus", JSON.stringify(body));
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as { errors: Array<{ field: string; message: string }> };
    expect(errors.map((error) => error.field)).toContain("alerts[1].labels");
    expect(await countAlerts()).toBe(0);
  });

  it("answers 202 with each alert's decision and records them", async () => {
    const response = await post("prometheus", exampleBody("alertmanager-firing"));
    expect(response.status).toBe(202);
    const { alerts } = (await response.json()) as {
      alerts: Array<{ id: string; decision: string; reason: string; group_key: string }>;
    };
    // One notification group: one incident, its other alerts recorded against it.
    expect(alerts.map((alert) => alert.decision)).toEqual(["open_incident", "record_only", "record_only"]);
    expect(alerts[0]?.group_key).toMatch(/^prometheus:notification:[0-9a-f]{32}$/);
    expect(new Set(alerts.map((alert) => alert.group_key)).size).toBe(1);
    expect(alerts[1]?.reason).toContain("in the group of the incident being declared");
    expect(await countAlerts()).toBe(3);
    const outbox = await store.db.selectFrom("outbox").select("kind").execute();
    expect(outbox.map((entry) => entry.kind)).toEqual(["declare"]);
  });

  it("detects the format for a source configured as auto", async () => {
    const response = await post("grafana", exampleBody("grafana-firing"), GRAFANA_TOKEN);
    expect(response.status).toBe(202);
    const rows = await store.db.selectFrom("alerts").select("source").execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.source))).toEqual(new Set(["grafana"]));
  });
});

describe("GET /alerts/:id", () => {
  async function firstAlertId(): Promise<string> {
    const response = await post("prometheus", exampleBody("alertmanager-firing"));
    const { alerts } = (await response.json()) as { alerts: Array<{ id: string }> };
    return alerts[0]?.id as string;
  }

  it("shows the alert, its group's incident and every delivery, to the admin token", async () => {
    const id = await firstAlertId();
    await hub.worker.runOnce();
    await post("prometheus", resolvedCopy(exampleBody("alertmanager-firing")));
    await hub.worker.runOnce();
    const response = await get(`/alerts/${id}`);
    expect(response.status).toBe(200);
    const detail = (await response.json()) as {
      alert: { decision: string; reason: string; title: string };
      group: { incident_reference: string; state: string };
      deliveries: Array<{ kind: string; outcome: string; message: string }>;
    };
    expect(detail.alert.decision).toBe("open_incident");
    expect(detail.alert.reason).toContain("page");
    expect(detail.group.incident_reference).toMatch(/^INC-\d+$/);
    expect(detail.group.state).toBe("resolved");
    expect(detail.deliveries).toEqual([
      expect.objectContaining({
        kind: "declare",
        outcome: "delivered",
        message: `declared ${detail.group.incident_reference}`,
      }),
    ]);
  });

  it("shows a source's own alerts to its token, and no one else's", async () => {
    const id = await firstAlertId();
    expect((await get(`/alerts/${id}`, PROM_TOKEN)).status).toBe(200);
    expect((await get(`/alerts/${id}`, GRAFANA_TOKEN)).status).toBe(404);
    expect((await get(`/alerts/${id}`, null)).status).toBe(401);
    expect((await get(`/alerts/${id}`, "nope")).status).toBe(401);
    expect((await get("/alerts/01NOSUCHALERT")).status).toBe(404);
  });
});

describe("health and metrics", () => {
  it("reports the outbox's pending entries, then none once delivered", async () => {
    let answer = () => {};
    incidentIoAnswers = new Promise((resolve) => {
      answer = resolve;
    });
    let before: unknown;
    try {
      await post("prometheus", exampleBody("alertmanager-firing"));
      before = await (await get("/healthz", null)).json();
    } finally {
      answer();
    }
    expect(before).toMatchObject({ status: "ok", store: "ok", outbox: { pending: 1, failed: 0 } });
    await hub.worker.runOnce();
    const after = (await (await get("/healthz", null)).json()) as { status: string; outbox: unknown };
    expect(after.status).toBe("ok");
    expect(after.outbox).toEqual({
      pending: 0,
      failed: 0,
      oldest_pending_age_s: 0,
      failed_last_hour: 0,
      waiting_for_key: 0,
    });
  });

  it("answers 503 when the store is unusable", async () => {
    await store.close();
    const response = await get("/healthz", null);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "unavailable" });
  });

  it("exposes the counters, gauge and histogram in Prometheus text", async () => {
    await post("prometheus", exampleBody("alertmanager-firing"));
    await hub.worker.runOnce();
    const text = await (await get("/metrics", null)).text();
    expect(text).toContain(
      'incidentkit_alerts_received_total{source="prometheus",decision="open_incident"} 1',
    );
    expect(text).toContain('incidentkit_alerts_received_total{source="prometheus",decision="record_only"} 2');
    expect(text).toContain('incidentkit_outbox_deliveries_total{kind="declare",outcome="delivered"} 1');
    expect(text).toContain("incidentkit_outbox_pending 0");
    expect(text).toContain('incidentkit_intake_seconds_count{source="prometheus"} 1');
  });
});

describe("intake over real HTTP", () => {
  /** Sends a request's head and `sent` bytes of its body on a socket of its own; resolves with all it received. */
  function raw(
    url: string,
    headers: Record<string, string>,
    declared: number,
    sent: string,
  ): Promise<string> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => {
        const head = Object.entries({ ...headers, "content-length": String(declared) })
          .map(([name, value]) => `${name}: ${value}`)
          .join("\r\n");
        socket.write(`POST /alerts/prometheus HTTP/1.1\r\nhost: ${hostname}\r\n${head}\r\n\r\n${sent}`);
      });
      let answer = "";
      socket.on("data", (chunk) => {
        answer += chunk.toString();
      });
      socket.on("close", () => resolve(answer));
      socket.on("error", reject);
    });
  }

  it("answers with its request ID and headers, and closes the connection after a body it did not read", async () => {
    const url = await hub.start();
    const accepted = await fetch(`${url}/alerts/prometheus`, {
      method: "POST",
      body: exampleBody("alertmanager-firing"),
      headers: { authorization: `Bearer ${PROM_TOKEN}`, "x-request-id": "sender-42" },
    });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get("x-request-id")).toBe("sender-42");
    expect(accepted.headers.get("x-content-type-options")).toBe("nosniff");
    expect(accepted.headers.get("cache-control")).toBe("no-store");
    expect(accepted.headers.get("connection")).not.toBe("close");

    const refused = await raw(url, { authorization: `Bearer ${PROM_TOKEN}` }, 2 * 1024 * 1024, "{");
    expect(refused).toMatch(/^HTTP\/1\.1 413/);
    expect(refused.toLowerCase()).toContain("connection: close");
    expect(refused.toLowerCase()).toMatch(/x-request-id: [0-9a-f-]{36}/);
  });
});
