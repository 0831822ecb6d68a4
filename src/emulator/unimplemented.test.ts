import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { descriptionMissingReason, loadDescription } from "../../test/support/openapi.js";
import { call, testSnapshot } from "./testing.js";
import { API_OPERATIONS, apiOperation } from "./unimplemented.js";

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot: testSnapshot() });
});

afterAll(() => t.close());

const request = (method: string, path: string, body?: unknown) =>
  call(t.emulator, method, path, { token: t.adminKey, body });

describe("operations the emulator does not implement", () => {
  it.each([
    ["GET", "/v2/catalog_types", "GET /v2/catalog_types"],
    ["GET", "/v3/teams", "GET /v3/teams"],
    ["POST", "/v2/heartbeat/01ALERTSOURCE/ping", "POST /v2/heartbeat/{alert_source_config_id}/ping"],
    ["DELETE", "/v2/custom_fields/01FIELD", "DELETE /v2/custom_fields/{id}"],
    ["GET", "/v1/incidents", "GET /v1/incidents"],
    // Workflows are read only here: their writes still fall through to the table.
    ["POST", "/v2/workflows", "POST /v2/workflows"],
  ])("answers %s %s with 501 naming the operation", async (method, path, operation) => {
    const reply = await request(method, path, method === "GET" ? undefined : {});
    expect(reply.status).toBe(501);
    expect(reply.body).toMatchObject({
      type: "api_error",
      status: 501,
      errors: [{ code: "not_implemented", message: expect.stringContaining(operation) }],
    });
    expect(reply.body.request_id).toEqual(expect.any(String));
  });

  it("still asks for an API key first", async () => {
    expect((await call(t.emulator, "GET", "/v2/catalog_types")).status).toBe(401);
  });
});

describe("paths that are no incident.io operation", () => {
  it.each([
    ["GET", "/v2/nothing_here"],
    ["DELETE", "/v2/incidents/01INCIDENT"],
    ["PATCH", "/v1/severities/01SEVERITY"],
    ["GET", "/v2/incidents/1/extra"],
    ["GET", "/v4/incidents"],
    ["GET", "/"],
  ])("answers %s %s with 404 not_found", async (method, path) => {
    const reply = await request(method, path);
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ type: "not_found", status: 404, errors: [{ code: "not_found" }] });
  });
});

if (descriptionMissingReason) console.warn(`unimplemented.test.ts: ${descriptionMissingReason}`);

describe.skipIf(descriptionMissingReason !== undefined)("the emulator's table of operations", () => {
  it("lists exactly the operations in incident.io's description", () => {
    const described: Record<string, string> = {};
    for (const [template, operations] of Object.entries(loadDescription()?.paths ?? {})) {
      described[template] = Object.keys(operations)
        .map((method) => method.toUpperCase())
        .sort()
        .join(" ");
    }
    expect(Object.keys(described).length).toBeGreaterThan(100);
    expect(API_OPERATIONS).toEqual(described);
  });

  it("finds the template a concrete path belongs to", () => {
    for (const [template, methods] of Object.entries(API_OPERATIONS)) {
      const concrete = template.replace(/\{[^}]+\}/g, "01EXAMPLE");
      for (const method of methods.split(" ")) expect(apiOperation(method, concrete)).toBe(template);
    }
    expect(apiOperation("get", "/v2/incidents/123")).toBe("/v2/incidents/{id}");
    expect(apiOperation("PUT", "/v2/incidents/123")).toBeUndefined();
    expect(apiOperation("GET", "/v2/incidents/123/actions")).toBeUndefined();
  });
});
