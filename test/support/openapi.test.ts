import { describe, expect, it } from "vitest";
import {
  descriptionMissingReason,
  loadDescription,
  matchOperation,
  validateComponent,
  validateQuery,
  validateRequestBody,
  validateResponse,
} from "./openapi.js";
import { matchPath, parseTemplate } from "./openapi-paths.js";

if (descriptionMissingReason) console.warn(`openapi.test.ts skipped: ${descriptionMissingReason}`);

/**
 * The description's escalation path examples stop their recursive `if_else` branches at `{}`, which the schema's
 * own `required` lists reject: a flaw of the examples, not of the schemas.
 */
const FLAWED_EXAMPLES = new Set(["/v2/escalation_paths", "/v2/escalation_paths/{id}"]);

/** The live API made these IncidentV2 fields required; the description's examples predate them. */
const liveIncidentFields = { last_activity_at: "2021-08-17T14:28:57.801578Z", team_ids: [] as string[] };

function withLiveIncidentFields(example: unknown): unknown {
  const copy = structuredClone(example) as Record<string, unknown>;
  if (copy.incident) Object.assign(copy.incident as object, liveIncidentFields);
  if (Array.isArray(copy.incidents)) for (const i of copy.incidents) Object.assign(i, liveIncidentFields);
  return copy;
}

const concrete = (template: string) => template.replace(/\{[^}]+\}/g, "01FDAG4SAP5TYPT98WGR2N7W91");

function showIncidentExample(): Record<string, Record<string, unknown>> {
  const response = loadDescription()?.paths["/v2/incidents/{id}"]?.get?.responses?.["200"];
  return withLiveIncidentFields(response?.content?.["application/json"]?.example) as Record<
    string,
    Record<string, unknown>
  >;
}

describe("path matching", () => {
  it("prefers literal segments over parameters, earliest difference first", () => {
    const templates = ["/v2/x/{id}/actions/{action}", "/v2/x/{id}/actions/edit", "/v2/x/{id}/{sub}/edit"].map(
      parseTemplate,
    );
    expect(matchPath(templates, "/v2/x/01ABC/actions/edit")?.template).toBe("/v2/x/{id}/actions/edit");
    expect(matchPath(templates, "/v2/x/01ABC/actions/close")).toEqual({
      template: "/v2/x/{id}/actions/{action}",
      params: { id: "01ABC", action: "close" },
    });
    expect(matchPath(templates, "/v2/x/01ABC/other/edit")?.template).toBe("/v2/x/{id}/{sub}/edit");
    expect(matchPath(templates, "/v2/x/01ABC/actions")).toBeUndefined();
  });
});

describe.skipIf(descriptionMissingReason !== undefined)("incident.io description", () => {
  it("matches concrete paths, IDs and incident numbers, to the right template", () => {
    expect(matchOperation("GET", "/v2/incidents/01ABC?x=1")?.template).toBe("/v2/incidents/{id}");
    expect(matchOperation("GET", "/v2/incidents/123")?.template).toBe("/v2/incidents/{id}");
    expect(matchOperation("post", "/v2/incidents/01ABC/actions/edit")?.template).toBe(
      "/v2/incidents/{id}/actions/edit",
    );
    expect(matchOperation("GET", "/v2/incidents")?.template).toBe("/v2/incidents");
    expect(matchOperation("POST", "/v2/incident_updates")?.template).toBe("/v2/incident_updates");
    expect(matchOperation("PATCH", "/v2/incidents/01ABC")).toBeUndefined();
    expect(matchOperation("GET", "/v2/incidents/01ABC/nonsense")).toBeUndefined();
  });

  it("accepts the description's own response and request examples", () => {
    const description = loadDescription();
    const failures: string[] = [];
    let checked = 0;
    for (const [template, operations] of Object.entries(description?.paths ?? {})) {
      if (FLAWED_EXAMPLES.has(template)) continue;
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          const example = response.content?.["application/json"]?.example;
          if (example === undefined) continue;
          checked++;
          const result = validateResponse(
            method,
            concrete(template),
            Number(status),
            withLiveIncidentFields(example),
          );
          if (!result.ok) failures.push(`${method} ${template} ${status}: ${result.errors.join("; ")}`);
        }
        const requestExample = operation.requestBody?.content?.["application/json"]?.example;
        if (requestExample === undefined) continue;
        checked++;
        const result = validateRequestBody(method, concrete(template), requestExample);
        if (!result.ok) failures.push(`${method} ${template} request: ${result.errors.join("; ")}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });

  it("rejects a broken incident, naming the fields", () => {
    const body = showIncidentExample();
    expect(validateResponse("GET", "/v2/incidents/123", 200, body)).toEqual({ ok: true });
    delete body.incident?.reference;
    if (body.incident) body.incident.mode = 42;
    const result = validateResponse("GET", "/v2/incidents/123", 200, body);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toContain("/incident must have required property 'reference'");
    expect(errors.some((e) => e.startsWith("/incident/mode must be string"))).toBe(true);
  });

  it("requires the live API's last_activity_at and team_ids on incidents", () => {
    const body = showIncidentExample();
    delete body.incident?.team_ids;
    if (body.incident) body.incident.last_activity_at = "yesterday";
    const result = validateResponse("GET", "/v2/incidents/01ABC", 200, body);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : [...result.errors].sort()).toEqual([
      "/incident must have required property 'team_ids'",
      '/incident/last_activity_at must match format "date-time"',
    ]);
  });

  it("treats a success status the operation does not document as a violation", () => {
    const result = validateResponse("POST", "/v2/incidents", 201, showIncidentExample());
    expect(result).toEqual({
      ok: false,
      errors: ["POST /v2/incidents returned 201; the description documents 200"],
    });
    expect(validateResponse("GET", "/v2/nothing_here", 200, {}).ok).toBe(false);
  });

  it("checks bodiless responses stay bodiless", () => {
    expect(validateResponse("DELETE", "/v1/severities/01ABC", 202, undefined)).toEqual({ ok: true });
    expect(validateResponse("DELETE", "/v1/severities/01ABC", 202, "")).toEqual({ ok: true });
    expect(validateResponse("DELETE", "/v1/severities/01ABC", 202, { severity: {} }).ok).toBe(false);
    expect(validateResponse("DELETE", "/v1/severities/01ABC", 204, undefined).ok).toBe(false);
  });

  it("checks error bodies against the live ErrorResponse shape for their status", () => {
    const notFound = {
      type: "not_found",
      status: 404,
      request_id: "8e3cc412-b49d-4957-9073-2c19d2c61804",
      errors: [{ code: "not_found", message: "Not found", source: { field: "id" } }],
    };
    expect(validateResponse("GET", "/v2/incidents/999", 404, notFound)).toEqual({ ok: true });
    expect(validateResponse("GET", "/v2/nothing_here", 404, notFound)).toEqual({ ok: true });
    expect(
      validateResponse("GET", "/v2/incidents/999", 404, { ...notFound, type: "validation_error" }).ok,
    ).toBe(false);
    expect(validateResponse("GET", "/v2/incidents/999", 422, notFound).ok).toBe(false);
    const { request_id: _, ...withoutRequestId } = notFound;
    expect(validateResponse("GET", "/v2/incidents/999", 404, withoutRequestId)).toEqual({
      ok: false,
      errors: ["404 error body: (body) must have required property 'request_id'"],
    });
    expect(validateResponse("GET", "/v2/incidents/999", 418, notFound).ok).toBe(false);
    const limited = {
      ...notFound,
      type: "too_many_requests",
      status: 429,
      rate_limit: { name: "api_key_name", limit: 1200, remaining: 0, retry_after: "2025-04-17T11:17:18Z" },
    };
    expect(validateResponse("GET", "/v1/severities", 429, limited)).toEqual({ ok: true });
    const notImplemented = { ...notFound, type: "not_implemented", status: 501 };
    expect(validateResponse("GET", "/v2/schedules", 501, notImplemented)).toEqual({ ok: true });
    expect(validateResponse("GET", "/v2/schedules", 501, { message: "nope" }).ok).toBe(false);
  });

  it("checks request bodies, including the live API's POST /v2/incident_updates", () => {
    expect(
      validateRequestBody("POST", "/v2/incidents", { idempotency_key: "k", visibility: "public" }),
    ).toEqual({
      ok: true,
    });
    expect(
      validateRequestBody("POST", "/v2/incidents", { idempotency_key: "k", visibility: "secret" }).ok,
    ).toBe(false);
    expect(
      validateRequestBody("POST", "/v2/incidents/01ABC/actions/edit", { incident: { name: "x" } }),
    ).toEqual({
      ok: false,
      errors: ["(body) must have required property 'notify_incident_channel'"],
    });
    expect(
      validateRequestBody("POST", "/v2/incident_updates", { idempotency_key: "k", incident_id: "01A" }),
    ).toEqual({
      ok: true,
    });
    expect(validateRequestBody("POST", "/v2/incident_updates", { incident_id: "01A", message: 3 }).ok).toBe(
      false,
    );
    expect(validateRequestBody("GET", "/v1/severities", { name: "x" }).ok).toBe(false);
    expect(validateRequestBody("POST", "/v1/severities", undefined).ok).toBe(false);
  });

  it("checks query parameters: names, bracketed filters and scalar types", () => {
    expect(validateQuery("GET", "/v2/incidents?status_category[one_of]=live&page_size=25&after=01A")).toEqual(
      {
        ok: true,
      },
    );
    expect(validateQuery("GET", "/v2/incidents?custom_field[01F][one_of]=01G&mode[one_of]=test").ok).toBe(
      true,
    );
    expect(validateQuery("GET", "/v2/incidents?one_of=live").ok).toBe(false);
    expect(validateQuery("GET", "/v2/incidents?status_category=live").ok).toBe(false);
    expect(validateQuery("GET", "/v2/incidents?page_size=ten").ok).toBe(false);
    expect(validateQuery("GET", "/v2/incidents?page_size=501").ok).toBe(false);
    expect(validateQuery("GET", "/v2/incidents?sort_by=oldest").ok).toBe(false);
    expect(validateQuery("GET", "/v1/custom_field_options").ok).toBe(false);
    expect(
      validateQuery("GET", "/v1/custom_field_options", new URLSearchParams({ custom_field_id: "01A" })).ok,
    ).toBe(true);
  });

  it("validates values against named components", () => {
    const severity = {
      id: "01A",
      name: "Major",
      description: "Issues with **major** impact.",
      rank: 3,
      created_at: "2021-08-17T13:28:57.801578Z",
      updated_at: "2021-08-17T13:28:57.801578Z",
    };
    expect(validateComponent("SeverityV2", severity)).toEqual({ ok: true });
    expect(validateComponent("SeverityV2", { ...severity, rank: "3" }).ok).toBe(false);
  });
});
