import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { ManualClock } from "../shared/clock.js";
import type { AlertSourceRecord } from "./model.js";
import { call, type Reply, testSnapshot, tokenFor } from "./testing.js";

/** POST /v2/alert_events/http/{id}: authenticated by the source's secret, one alert per deduplication key. */

const snapshot = testSnapshot();
const clock = new ManualClock(Date.UTC(2024, 4, 1, 12));
let t: TestEmulator;
let source: AlertSourceRecord;
let other: AlertSourceRecord;

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot, clock });
  source = t.emulator.createAlertSource("incidentkit hub");
  other = t.emulator.createAlertSource("Uptime checks");
});

afterAll(() => t.close());

beforeEach(() => clock.advance(60_000));

/** Sends an alert event with exactly these headers and query, as a sender would over HTTP. */
async function send(
  body: unknown,
  options: { to?: string; headers?: Record<string, string>; query?: string; raw?: string } = {},
): Promise<Reply> {
  const path = `/v2/alert_events/http/${options.to ?? source.id}${options.query ? `?${options.query}` : ""}`;
  const response = await t.emulator.app.request(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(options.headers ?? {}) },
    body: options.raw ?? JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const basic = (user: string, password: string) => ({
  Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
});
const event = (key: string, overrides: Record<string, unknown> = {}) => ({
  title: `Instance ${key} down`,
  status: "firing",
  deduplication_key: key,
  description: `${key} of job node has been down for more than 1 minute.`,
  source_url: "http://prometheus.example.com/graph?g0.expr=up%3D%3D0",
  metadata: { labels: { alertname: "InstanceDown", instance: key }, annotations: { summary: "down" } },
  ...overrides,
});
const alertsWithKey = (key: string) => t.emulator.alerts().filter((a) => a.deduplication_key === key);

describe("authentication by the alert source's secret", () => {
  it("accepts the secret as Bearer authorization and answers 202 with the documented body", async () => {
    const reply = await send(event("auth-bearer"), { headers: bearer(source.secret_token) });
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({
      deduplication_key: "auth-bearer",
      message: "Event accepted for processing",
      status: "success",
    });
    expect(reply.headers.get("x-ratelimit-limit")).toBeNull();
  });

  it("accepts the secret as ?token= and inside Basic credentials, either half", async () => {
    expect((await send(event("auth-query"), { query: `token=${source.secret_token}` })).status).toBe(202);
    expect((await send(event("auth-basic-1"), { headers: basic("", source.secret_token) })).status).toBe(202);
    expect((await send(event("auth-basic-2"), { headers: basic(source.secret_token, "x") })).status).toBe(
      202,
    );
    expect(alertsWithKey("auth-basic-2")).toHaveLength(1);
  });

  it("answers 401 without credentials, with a wrong secret, or with another source's secret", async () => {
    const missing = await send(event("auth-none"));
    expect([missing.status, missing.body.errors[0].code]).toEqual([401, "missing_authorization_material"]);
    const wrong = await send(event("auth-wrong"), { headers: bearer("not-the-secret") });
    expect([wrong.status, wrong.body.errors[0].code]).toEqual([401, "authentication_failed"]);
    const crossed = await send(event("auth-crossed"), { query: `token=${other.secret_token}` });
    expect(crossed.status).toBe(401);
    const malformed = await send(event("auth-malformed"), { headers: { Authorization: "Token abc" } });
    expect([malformed.status, malformed.body.errors[0].message]).toEqual([
      401,
      expect.stringContaining("Bearer <alert source secret token>"),
    ]);
    expect(JSON.stringify([wrong.body, crossed.body])).not.toContain(other.secret_token);
    for (const key of ["auth-none", "auth-wrong", "auth-crossed", "auth-malformed"]) {
      expect(alertsWithKey(key)).toEqual([]);
    }
  });

  it("refuses an API key, saying alert events take the source's secret, without echoing the key", async () => {
    const key = tokenFor(snapshot, "Admin");
    const reply = await send(event("auth-api-key"), { headers: bearer(key) });
    expect(reply.status).toBe(401);
    expect(reply.body.errors[0].message).toMatch(/secret token, not an API key/);
    expect(JSON.stringify(reply.body)).not.toContain(key);
  });

  it("answers 404 for an alert source that does not exist, whatever the credentials", async () => {
    const reply = await send(event("auth-404"), {
      to: "01HZZZZZZZZZZZZZZZZZZZZZZZ",
      headers: bearer(source.secret_token),
    });
    expect([reply.status, reply.body.type]).toEqual([404, "not_found"]);
    expect(reply.body.errors[0].message).toContain("01HZZZZZZZZZZZZZZZZZZZZZZZ");
  });
});

describe("validation, as the description states it", () => {
  const refused = async (body: unknown, raw?: string) => {
    const before = t.emulator.alerts().length;
    const reply = await send(body, { headers: bearer(source.secret_token), ...(raw ? { raw } : {}) });
    expect(t.emulator.alerts().length).toBe(before);
    return reply;
  };

  it("422 naming the field for a missing title or status, an unknown status, or metadata that is no object", async () => {
    const { title: _, ...untitled } = event("v-1");
    const noTitle = await refused(untitled);
    expect([noTitle.status, noTitle.body.errors[0]]).toEqual([
      422,
      { code: "is_required", message: "title is required.", source: { field: "title" } },
    ]);
    const badStatus = await refused(event("v-2", { status: "acknowledged" }));
    expect(badStatus.body.errors[0]).toMatchObject({
      source: { field: "status" },
      message: expect.stringContaining("firing, resolved"),
    });
    const listMetadata = await refused(event("v-3", { metadata: ["team"] }));
    expect(listMetadata.body.errors[0].source.field).toBe("metadata");
    const numericTitle = await refused(event("v-4", { title: 42 }));
    expect(numericTitle.body.errors[0]).toMatchObject({ code: "invalid_type", source: { field: "title" } });
  });

  it("422 for a missing or empty deduplication_key: HTTP sources created today require it", async () => {
    const { deduplication_key: _, ...keyless } = event("v-5");
    const missing = await refused(keyless);
    expect(missing.body.errors[0]).toMatchObject({
      code: "is_required",
      source: { field: "deduplication_key" },
    });
    const empty = await refused(event("v-6", { deduplication_key: "  " }));
    expect(empty.body.errors[0].source.field).toBe("deduplication_key");
  });

  it("400 for a body that is not JSON, and ignores fields the description does not name", async () => {
    const notJson = await refused(undefined, "{title:");
    expect([notJson.status, notJson.body.type]).toEqual([400, "invalid_request_error"]);
    const extra = await send(event("v-7", { severity: "critical" }), {
      headers: bearer(source.secret_token),
    });
    expect(extra.status).toBe(202);
  });
});

describe("one alert per deduplication key and source", () => {
  const post = (body: unknown, to = source) => send(body, { to: to.id, headers: bearer(to.secret_token) });

  it("creates a firing alert from the event's fields", async () => {
    const at = new Date(clock.now()).toISOString();
    await post(event("d-create"));
    const [alert] = alertsWithKey("d-create");
    expect(alert).toMatchObject({
      alert_source_id: source.id,
      status: "firing",
      title: "Instance d-create down",
      source_url: "http://prometheus.example.com/graph?g0.expr=up%3D%3D0",
      metadata: {
        labels: { alertname: "InstanceDown", instance: "d-create" },
        annotations: { summary: "down" },
      },
      created_at: at,
      updated_at: at,
    });
    expect(alert?.resolved_at).toBeUndefined();
  });

  it("folds a repeat into the same alert: a changed repeat updates it, an identical one changes nothing", async () => {
    await post(event("d-repeat"));
    const [first] = alertsWithKey("d-repeat");
    clock.advance(1_000);
    await post(event("d-repeat"));
    expect(alertsWithKey("d-repeat")).toEqual([first]);
    clock.advance(1_000);
    await post(event("d-repeat", { title: "Instance d-repeat still down", description: undefined }));
    const [updated] = alertsWithKey("d-repeat");
    expect(updated).toMatchObject({
      id: first?.id,
      title: "Instance d-repeat still down",
      created_at: first?.created_at,
    });
    expect(updated?.description).toBe(first?.description);
    expect(updated?.updated_at).toBe(new Date(clock.now()).toISOString());
  });

  it("resolves on a resolved event, keeps the first resolved_at on a repeat, and fires again on a later firing", async () => {
    await post(event("d-resolve"));
    clock.advance(5_000);
    const resolvedAt = new Date(clock.now()).toISOString();
    await post(event("d-resolve", { status: "resolved" }));
    expect(alertsWithKey("d-resolve")[0]).toMatchObject({ status: "resolved", resolved_at: resolvedAt });
    clock.advance(5_000);
    await post(event("d-resolve", { status: "resolved" }));
    expect(alertsWithKey("d-resolve")[0]?.resolved_at).toBe(resolvedAt);
    await post(event("d-resolve"));
    const [again] = alertsWithKey("d-resolve");
    expect([again?.status, again?.resolved_at]).toEqual(["firing", undefined]);
    expect(alertsWithKey("d-resolve")).toHaveLength(1);
  });

  it("records a resolved event for a key that never fired as a resolved alert", async () => {
    await post(event("d-late", { status: "resolved" }));
    const [alert] = alertsWithKey("d-late");
    expect([alert?.status, alert?.resolved_at]).toEqual(["resolved", alert?.created_at]);
  });

  it("keeps the same key on two sources as two alerts", async () => {
    await post(event("d-shared"));
    await post(event("d-shared"), other);
    const sources = alertsWithKey("d-shared").map((a) => a.alert_source_id);
    expect(sources.sort()).toEqual([source.id, other.id].sort());
  });
});

describe("faults apply to alert events as to every call", () => {
  afterAll(() => t.emulator.faults.clear());

  it("a 500 fault writes nothing, and a throttle answers 429 with the rate-limit body", async () => {
    t.emulator.faults.set({ errorRate: 1 });
    const failed = await send(event("f-500"), { headers: bearer(source.secret_token) });
    expect(failed.status).toBe(500);
    expect(alertsWithKey("f-500")).toEqual([]);
    t.emulator.faults.clear();
    t.emulator.faults.throttleFor(30_000);
    const throttled = await send(event("f-429"), { headers: bearer(source.secret_token) });
    expect([throttled.status, throttled.body.rate_limit.name]).toEqual([429, "incidentkit hub"]);
    t.emulator.faults.clear();
  });
});

describe("the API key still guards everything else under /v2/alert_events", () => {
  it("answers other methods on the path as no operation, after asking for an API key", async () => {
    const anonymous = await call(t.emulator, "GET", `/v2/alert_events/http/${source.id}`);
    expect(anonymous.status).toBe(401);
    const admin = await call(t.emulator, "GET", `/v2/alert_events/http/${source.id}`, {
      token: tokenFor(snapshot, "Admin"),
    });
    expect(admin.status).toBe(404);
  });
});
