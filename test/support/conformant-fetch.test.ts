import { describe, expect, it } from "vitest";
import { conformantFetch, type FetchFunction } from "./conformant-fetch.js";
import { descriptionMissingReason } from "./openapi.js";

if (descriptionMissingReason) console.warn(`conformant-fetch.test.ts skipped: ${descriptionMissingReason}`);

const BASE = "http://127.0.0.1:1";
const json = { "content-type": "application/json", authorization: "Bearer inc_secret" };

function recordingFetch(): FetchFunction & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  const inner = async (...args: unknown[]) => {
    calls.push(args);
    return new Response(null, { status: 204 });
  };
  return Object.assign(inner as FetchFunction, { calls });
}

describe.skipIf(descriptionMissingReason !== undefined)("conformantFetch", () => {
  it("passes a conforming request through untouched and records nothing", async () => {
    const inner = recordingFetch();
    const f = conformantFetch(inner);
    const init = {
      method: "POST",
      headers: json,
      body: JSON.stringify({ idempotency_key: "k1", visibility: "public", name: "DB down" }),
    };
    const response = await f(`${BASE}/v2/incidents`, init);
    expect(response.status).toBe(204);
    expect(inner.calls).toEqual([[`${BASE}/v2/incidents`, init]]);
    expect(f.violations).toEqual([]);
  });

  it("records a body that breaks the schema, and still sends it", async () => {
    const inner = recordingFetch();
    const f = conformantFetch(inner);
    await f(`${BASE}/v2/incidents`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ idempotency_key: "k1", visibility: "secret" }),
    });
    expect(inner.calls).toHaveLength(1);
    expect(f.violations).toEqual([
      {
        kind: "request",
        method: "POST",
        path: "/v2/incidents",
        errors: ['/visibility must be equal to one of the allowed values: ["public","private"]'],
      },
    ]);
  });

  it("records exploded filters, unknown operations and missing content types", async () => {
    const f = conformantFetch(recordingFetch());
    await f(`${BASE}/v2/incidents?one_of=live`);
    await f(new Request(`${BASE}/v2/incidents/01ABC`, { method: "DELETE" }));
    await f(`${BASE}/v1/severities`, {
      method: "POST",
      body: JSON.stringify({ name: "S1", description: "d" }),
    });
    expect(f.violations.map((v) => [v.method, v.path, v.errors])).toEqual([
      ["GET", "/v2/incidents?one_of=live", ['query parameter "one_of" is not documented for this operation']],
      [
        "DELETE",
        "/v2/incidents/01ABC",
        ["DELETE /v2/incidents/01ABC is not an operation in the description"],
      ],
      ["POST", "/v1/severities", ["a JSON request body must be sent with Content-Type: application/json"]],
    ]);
  });

  it("reads bodies from Request objects and shares its sink", async () => {
    const sink: import("./violations.js").Violation[] = [];
    const f = conformantFetch(recordingFetch(), sink);
    const request = new Request(`${BASE}/v2/incidents/01ABC/actions/edit`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ incident: { summary: "s" } }),
    });
    await f(request);
    expect(sink).toHaveLength(1);
    expect(sink[0]?.errors).toEqual(["(body) must have required property 'notify_incident_channel'"]);
  });

  it("never records an alert source's secret from the query string", async () => {
    const f = conformantFetch(recordingFetch());
    await f(`${BASE}/v2/alert_events/http/01ABC?token=s3cr3t-value`, {
      method: "POST",
      headers: json,
      body: "{",
    });
    expect(f.violations).toHaveLength(1);
    expect(JSON.stringify(f.violations)).not.toContain("s3cr3t-value");
    expect(f.violations[0]?.path).toBe("/v2/alert_events/http/01ABC?token=REDACTED");
  });
});

describe("conformantFetch outside the described API", () => {
  it("does not check paths that are not incident.io's versioned API", async () => {
    const f = conformantFetch(recordingFetch());
    await f(`${BASE}/healthz`, { method: "POST", body: "not json" });
    expect(f.violations).toEqual([]);
  });
});
