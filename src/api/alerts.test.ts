import { describe, expect, it } from "vitest";
import {
  descriptionMissingReason,
  validateQuery,
  validateRequestBody,
  validateResponse,
} from "../../test/support/openapi.js";
import { ManualClock } from "../shared/clock.js";
import { ConfigError, IncidentIoApiError } from "./errors.js";
import { exampleAlert, exampleAlertSource } from "./testing/alert-bodies.js";
import { exampleIdentity } from "./testing/example-bodies.js";
import { collect, failure, scriptedClient } from "./testing/harness.js";
import type { RequestEvent } from "./transport.js";
import type { AlertEventPayload } from "./types/alerts.js";

const events: RequestEvent[] = [];
const { server, client } = await scriptedClient({
  onEvent: (event) => events.push(event),
  eventBodies: true,
});
const retrying = await scriptedClient({ maxRetries: 2, random: () => 0 });
const clock = new ManualClock(Date.UTC(2024, 4, 1));
const paced = await scriptedClient({ rateLimit: { capacity: 10, refillPerSecond: 10 }, clock });

const SOURCE = "01HQ4Z7V1JX6R8T3N2M5K9B0AS";
const TOKEN = "alert-source-secret-0123456789";
const accepted = {
  deduplication_key: "f404ecabc8dd5cd7",
  message: "Event accepted for processing",
  status: "success",
};
const firing: AlertEventPayload = {
  title: "Instance localhost:8081 down",
  status: "firing",
  deduplication_key: "f404ecabc8dd5cd7",
  description: "localhost:8081 of job node has been down for more than 1 minute.",
  source_url: "http://prometheus.example.com/graph?g0.expr=up%3D%3D0",
  metadata: { labels: { alertname: "InstanceDown", instance: "localhost:8081", severity: "critical" } },
};

describe("alertEvents.createHttp", () => {
  it("POSTs the event to the source with its token as Bearer authorization, not the API key", async () => {
    server.reply({ status: 202, body: accepted });
    expect(await client.alertEvents.createHttp(SOURCE, firing, { token: TOKEN })).toEqual(accepted);
    const [request] = server.requests;
    expect(`${request?.method} ${request?.url}`).toBe(`POST /v2/alert_events/http/${SOURCE}`);
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request?.body ?? "")).toEqual(firing);
    expect(JSON.stringify(events.at(-1))).not.toContain(TOKEN);
  });

  it("encodes the source ID as one path segment", async () => {
    server.reply({ status: 202, body: accepted });
    await client.alertEvents.createHttp("a/b c", firing, { token: TOKEN });
    expect(server.requests[0]?.url).toBe("/v2/alert_events/http/a%2Fb%20c");
  });

  it("refuses a missing or malformed token, or an empty source ID, before sending anything", async () => {
    server.reply();
    const noToken = await failure(client.alertEvents.createHttp(SOURCE, firing, { token: " " }));
    expect(noToken).toBeInstanceOf(ConfigError);
    expect((noToken as ConfigError).setting).toBe("token");
    const spaced = await failure(client.alertEvents.createHttp(SOURCE, firing, { token: "has space" }));
    expect(spaced.message).not.toContain("has space");
    expect(spaced.hint).toMatch(/secret token/);
    const noSource = await failure(client.alertEvents.createHttp("", firing, { token: TOKEN }));
    expect([noSource.code, noSource.message]).toEqual(["invalid_argument", "alertSourceConfigId is empty"]);
    expect(server.requests).toHaveLength(0);
  });

  it("explains a 401 as the alert source's token, without repeating it", async () => {
    server.reply({
      status: 401,
      body: {
        type: "authentication_error",
        status: 401,
        request_id: "r-1",
        errors: [{ code: "authentication_failed", message: `token ${TOKEN} is not valid` }],
      },
    });
    const error = await failure(client.alertEvents.createHttp(SOURCE, firing, { token: TOKEN }));
    expect(error).toBeInstanceOf(IncidentIoApiError);
    expect(error.hint).toMatch(/alert source's secret token/);
    expect(error.hint).not.toMatch(/API key/);
    const shown = JSON.stringify({ ...error.toJSON(), message: error.message, events });
    expect(shown).not.toContain(TOKEN);
  });

  it("names the source ID as the thing to check on a 404", async () => {
    server.reply({
      status: 404,
      body: {
        type: "not_found",
        status: 404,
        request_id: "r-2",
        errors: [{ code: "not_found", message: "No" }],
      },
    });
    const error = await failure(client.alertEvents.createHttp(SOURCE, firing, { token: TOKEN }));
    expect(error.hint).toMatch(/alert source config ID/);
  });

  it("retries a 5xx when the event carries a deduplication key", async () => {
    retrying.server.reply({ status: 503, body: "busy" }, { status: 202, body: accepted });
    const result = await retrying.client.alertEvents.createHttp(SOURCE, firing, { token: TOKEN });
    expect(result.status).toBe("success");
    expect(retrying.server.requests).toHaveLength(2);
    expect(retrying.server.requests.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${TOKEN}`,
      `Bearer ${TOKEN}`,
    ]);
  });

  it("does not retry a 5xx without a deduplication key, which could open a second alert", async () => {
    retrying.server.reply({ status: 503, body: "busy" }, { status: 202, body: accepted });
    const { deduplication_key: _, ...keyless } = firing;
    const error = await failure(retrying.client.alertEvents.createHttp(SOURCE, keyless, { token: TOKEN }));
    expect((error as IncidentIoApiError).status).toBe(503);
    expect(retrying.server.requests).toHaveLength(1);
  });

  it("retries a 429 even without a deduplication key: nothing was done", async () => {
    retrying.server.reply(
      {
        status: 429,
        headers: { "retry-after": "0" },
        body: { type: "too_many_requests", status: 429, request_id: "r-3", errors: [] },
      },
      { status: 202, body: accepted },
    );
    const { deduplication_key: _, ...keyless } = firing;
    await retrying.client.alertEvents.createHttp(SOURCE, keyless, { token: TOKEN });
    expect(retrying.server.requests).toHaveLength(2);
  });
});

describe("pacing", () => {
  it("does not hold the API key's other calls back after an alert source's 429", async () => {
    paced.server.reply(
      {
        status: 429,
        headers: { "retry-after": "5" },
        body: { type: "too_many_requests", status: 429, request_id: "r-4", errors: [] },
      },
      { body: { identity: exampleIdentity() } },
    );
    expect((await failure(paced.client.alertEvents.createHttp(SOURCE, firing, { token: TOKEN }))).code).toBe(
      "rate_limited",
    );
    const before = clock.now();
    await paced.client.identity();
    // A paused key would have slept (on this clock, instantly) for the 5 s the alert source asked for.
    expect(clock.now() - before).toBeLessThan(1_000);
  });
});

describe("alerts", () => {
  it("pages through every alert, 50 at a time unless asked, sending filters bracketed", async () => {
    const second = exampleAlert({ id: "01HQ4Z7V1JX6R8T3N2M5K9B0A2", status: "resolved" });
    server.reply(
      {
        body: {
          alerts: [exampleAlert()],
          pagination_meta: { page_size: 50, after: "01HQ4Z7V1JX6R8T3N2M5K9B0AL" },
        },
      },
      { body: { alerts: [second], pagination_meta: { page_size: 50 } } },
    );
    const alerts = await collect(
      client.alerts.list({
        status: { one_of: ["firing", "resolved"] },
        alert_source: { not_in: SOURCE },
        created_at: { date_range: ["2024-05-01", new Date(Date.UTC(2024, 4, 8))] },
        deduplication_key: { is: "f404ecabc8dd5cd7" },
      }),
    );
    expect(alerts.map((a) => a.id)).toEqual(["01HQ4Z7V1JX6R8T3N2M5K9B0AL", "01HQ4Z7V1JX6R8T3N2M5K9B0A2"]);
    const urls = server.requests.map((r) => r.url);
    const filters =
      "status[one_of]=firing&status[one_of]=resolved" +
      `&alert_source[not_in]=${SOURCE}` +
      "&deduplication_key[is]=f404ecabc8dd5cd7" +
      "&created_at[date_range]=2024-05-01~2024-05-08T00%3A00%3A00.000Z";
    expect(urls).toEqual([
      `/v2/alerts?page_size=50&${filters}`,
      `/v2/alerts?page_size=50&after=01HQ4Z7V1JX6R8T3N2M5K9B0AL&${filters}`,
    ]);
    for (const url of urls) expect(validateQuery("GET", url)).toEqual({ ok: true });
  });

  it("returns one page with its cursor", async () => {
    const meta = { page_size: 2, after: "01HQ4Z7V1JX6R8T3N2M5K9B0AL" };
    server.reply({ body: { alerts: [exampleAlert()], pagination_meta: meta } });
    const page = await client.alerts.listPage({ has_notes: { is: false } }, { pageSize: 2 });
    expect(page.paginationMeta).toEqual(meta);
    expect(server.requests[0]?.url).toBe("/v2/alerts?page_size=2&has_notes[is]=false");
  });

  it("refuses a page size above incident.io's 50 without sending", async () => {
    server.reply();
    expect(() => client.alerts.list({}, { pageSize: 51 })).toThrow(/from 1 to 50/);
    expect(server.requests).toHaveLength(0);
  });

  it("shows one alert, and tolerates a status incident.io adds later", async () => {
    server.reply({ body: { alert: exampleAlert({ status: "acknowledged" }) } });
    const alert = await client.alerts.show("01HQ4Z7V1JX6R8T3N2M5K9B0AL");
    expect([alert.status, alert.attributes[0]?.value?.literal]).toEqual(["acknowledged", "platform"]);
    expect(server.requests[0]?.url).toBe("/v2/alerts/01HQ4Z7V1JX6R8T3N2M5K9B0AL");
  });
});

describe("alertSources", () => {
  it("lists and shows alert sources", async () => {
    server.reply(
      { body: { alert_sources: [exampleAlertSource()] } },
      { body: { alert_source: exampleAlertSource() } },
    );
    const [listed] = await client.alertSources.list();
    expect([listed?.name, listed?.source_type, listed?.secret_token]).toEqual([
      "incidentkit hub",
      "http",
      TOKEN,
    ]);
    expect((await client.alertSources.show(SOURCE)).alert_events_url).toMatch(/\/v2\/alert_events\/http\//);
    expect(server.requests.map((r) => r.url)).toEqual(["/v2/alert_sources", `/v2/alert_sources/${SOURCE}`]);
  });
});

if (descriptionMissingReason) console.warn(`alerts.test.ts: ${descriptionMissingReason}`);

describe.skipIf(descriptionMissingReason !== undefined)("the example bodies", () => {
  it("are valid by incident.io's description", () => {
    expect(validateRequestBody("POST", `/v2/alert_events/http/${SOURCE}`, firing)).toEqual({ ok: true });
    expect(validateResponse("POST", `/v2/alert_events/http/${SOURCE}`, 202, accepted)).toEqual({ ok: true });
    const list = { alerts: [exampleAlert()], pagination_meta: { page_size: 50 } };
    expect(validateResponse("GET", "/v2/alerts", 200, list)).toEqual({ ok: true });
    expect(validateResponse("GET", `/v2/alerts/${SOURCE}`, 200, { alert: exampleAlert() })).toEqual({
      ok: true,
    });
    const sources = { alert_sources: [exampleAlertSource()] };
    expect(validateResponse("GET", "/v2/alert_sources", 200, sources)).toEqual({ ok: true });
  });
});
