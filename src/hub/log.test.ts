import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { rulesFrom } from "../alerts/rules/testing.js";
import { IncidentIo } from "../api/index.js";
import { testSnapshot } from "../emulator/testing.js";
import { openSession } from "../ops/index.js";
import { createLogger } from "../shared/logger.js";
import type { Store } from "../store/index.js";
import { openTestStore } from "../store/testing/databases.js";
import { createHub, type Hub } from "./create-hub.js";
import { ADMIN_TOKEN, exampleBody, PROM_TOKEN, TEST_RULES, testHubConfig } from "./testing.js";

/** One line of the hub's log, as JSON. */
type Line = Record<string, unknown>;

let t: TestEmulator;
let store: Store;
let hub: Hub;
let lines: Line[];

beforeEach(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot: testSnapshot() });
  store = await openTestStore();
  lines = [];
  // A key incident.io refuses: every delivery needs a person.
  const io = new IncidentIo({
    apiKey: "inc_not_a_key_of_this_org",
    baseUrl: t.url,
    fetch: t.fetch,
    rateLimit: false,
  });
  hub = createHub({
    config: testHubConfig(),
    store,
    rules: rulesFrom(TEST_RULES),
    session: openSession(io),
    logger: createLogger({
      name: "hub",
      destination: { write: (line) => lines.push(JSON.parse(line) as Line) },
    }),
  });
});

afterEach(async () => {
  await hub.close();
  await store.close();
  await t.close();
});

/** A route that fails the way a bug does, carrying a header dump such as an HTTP library's error holds. */
function failingRoute() {
  hub.app.get("/failing", () => {
    throw Object.assign(new Error("the disk is full"), {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, cookie: "incidentkit_session=abc" },
    });
  });
}

describe("the hub's log", () => {
  it("answers a failed request 500 with a request ID that its one log line carries", async () => {
    failingRoute();
    const response = await hub.app.request("/failing");
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: string; request_id: string };
    expect(body.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.error).toContain(body.request_id);
    expect(response.headers.get("x-request-id")).toBe(body.request_id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "error",
      name: "hub",
      msg: "the disk is full",
      job: "request",
      request_id: body.request_id,
      method: "GET",
      path: "/failing",
      err: { message: "the disk is full", headers: { authorization: "[redacted]", cookie: "[redacted]" } },
    });
    expect(JSON.stringify(lines)).not.toContain(ADMIN_TOKEN);
  });

  it("keeps a caller's short, plain X-Request-Id and replaces any other", async () => {
    failingRoute();
    const asked = async (id: string) =>
      (
        (await (await hub.app.request("/failing", { headers: { "x-request-id": id } })).json()) as {
          request_id: string;
        }
      ).request_id;
    expect(await asked("trace-0af7651916cd43dd")).toBe("trace-0af7651916cd43dd");
    expect(await asked("x".repeat(65))).not.toBe("x".repeat(65));
    expect(await asked('a b"<script>')).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.map((line) => line.request_id)).toEqual([
      "trace-0af7651916cd43dd",
      expect.stringMatching(/^[0-9a-f-]{36}$/),
      expect.stringMatching(/^[0-9a-f-]{36}$/),
    ]);
  });

  it("logs a refused alert request once, as a warning naming the source and the request", async () => {
    const response = await hub.app.request("/alerts/prometheus", {
      method: "POST",
      body: "{not json",
      headers: { authorization: `Bearer ${PROM_TOKEN}`, "content-type": "application/json" },
    });
    expect(response.status).toBe(400);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "warn",
      job: "request",
      source: "prometheus",
      status: 400,
      request_id: response.headers.get("x-request-id"),
    });
  });

  it("logs a delivery that needs a person once, with the alert's IDs and the fix", async () => {
    const accepted = await hub.app.request("/alerts/prometheus", {
      method: "POST",
      body: exampleBody("alertmanager-firing"),
      headers: { authorization: `Bearer ${PROM_TOKEN}`, "content-type": "application/json" },
    });
    expect(accepted.status).toBe(202);
    const [alert] = ((await accepted.json()) as { alerts: { id: string; group_key: string }[] }).alerts;
    await hub.worker.runOnce();
    await hub.worker.runOnce();
    const failures = lines.filter((line) => line.level === "error");
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ job: "outbox", alert_id: alert?.id, group_key: alert?.group_key });
    expect(failures[0]?.msg).toContain(`fix: `);
    expect(failures[0]?.msg).toContain(`incidentkit alerts replay ${alert?.id}`);
    expect(lines).toHaveLength(1);
  });
});
