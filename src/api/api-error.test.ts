import { describe, expect, it } from "vitest";
import { apiErrorFromResponse } from "./api-error.js";
import { IncidentIoApiError } from "./errors.js";

const base = {
  method: "GET",
  url: "https://api.incident.io/v2/incidents",
  path: "/v2/incidents",
  secrets: [],
};

describe("apiErrorFromResponse", () => {
  it("401: unauthorized, pointing at the API keys page", () => {
    const error = apiErrorFromResponse({
      ...base,
      status: 401,
      body: {
        type: "authentication_error",
        status: 401,
        request_id: "8e3cc412",
        errors: [
          {
            code: "missing_authorization_material",
            message: "No authorization material provided in request",
          },
        ],
      },
    });
    expect(error).toBeInstanceOf(IncidentIoApiError);
    expect(error.code).toBe("unauthorized");
    expect(error.hint).toBe(
      "the API key is invalid or revoked: create a new key at https://app.incident.io/settings/api-keys",
    );
    expect(error.message).toContain("request_id 8e3cc412");
    expect(error.requestId).toBe("8e3cc412");
    expect(error.retryable).toBe(false);
  });

  it("403: names the scope incident.io reports and the role that grants it", () => {
    const error = apiErrorFromResponse({
      ...base,
      status: 403,
      body: {
        type: "resource_forbidden",
        status: 403,
        request_id: "r403",
        errors: [{ code: "forbidden", message: "nope", metadata: { required_scope: "catalog_types.view" } }],
      },
    });
    expect(error.code).toBe("forbidden");
    expect(error.requiredScope).toBe("catalog_types.view");
    expect(error.message).toContain("catalog_types.view");
    expect(error.hint).toContain("catalog_viewer");
  });

  it("403 without metadata: the scope comes from the operation", () => {
    const error = apiErrorFromResponse({
      ...base,
      method: "POST",
      status: 403,
      body: { type: "resource_forbidden", status: 403, request_id: "r", errors: [] },
    });
    expect(error.requiredScope).toBe("incidents.create");
    expect(error.hint).toContain("`incident_creator`");
  });

  it("404: not_found with the request id from the header when the body has none", () => {
    const error = apiErrorFromResponse({ ...base, status: 404, body: "Not Found", requestIdHeader: "hdr-1" });
    expect(error.code).toBe("not_found");
    expect(error.message).toContain("request_id hdr-1");
    expect(error.message).toContain("Not Found");
  });

  it("422: validation_failed naming the fields", () => {
    const error = apiErrorFromResponse({
      ...base,
      method: "POST",
      status: 422,
      body: {
        type: "validation_error",
        status: 422,
        request_id: "631766c4",
        errors: [
          {
            code: "is_required",
            message: "A severity is required to open an incident",
            source: { field: "severity_id" },
          },
        ],
      },
    });
    expect(error.code).toBe("validation_failed");
    expect(error.fieldErrors).toEqual([
      { code: "is_required", message: "A severity is required to open an incident", field: "severity_id" },
    ]);
    expect(error.message).toContain("severity_id: A severity is required");
    expect(error.message).toContain("631766c4");
  });

  it("429 and 5xx but 501 are retryable; the rest are not", () => {
    const codes = [429, 500, 503, 501, 400, 409, 418].map((status) => {
      const e = apiErrorFromResponse({ ...base, status, body: undefined });
      return [e.code, e.retryable];
    });
    expect(codes).toEqual([
      ["rate_limited", true],
      ["server_error", true],
      ["server_error", true],
      ["not_implemented", false],
      ["invalid_request", false],
      ["conflict", false],
      ["client_error", false],
    ]);
  });

  it("501 from the emulator: the operation is not implemented by it, named, with no 'retry later'", () => {
    const error = apiErrorFromResponse({
      ...base,
      method: "POST",
      url: "http://127.0.0.1:8781/v2/escalations",
      path: "/v2/escalations",
      status: 501,
      body: {
        type: "api_error",
        status: 501,
        request_id: "r501",
        errors: [
          {
            code: "not_implemented",
            message: "The incidentkit emulator does not implement POST /v2/escalations.",
          },
        ],
      },
    });
    expect(error.code).toBe("not_implemented");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("The incidentkit emulator does not implement POST /v2/escalations.");
    expect(error.hint).toBe(
      "this operation is not implemented by the incidentkit emulator: POST /v2/escalations; retrying will not help, run it against an incident.io account instead",
    );
  });

  it("501 from the API itself names the operation and points at the API reference", () => {
    const error = apiErrorFromResponse({ ...base, status: 501, body: "Not Implemented" });
    expect(error.hint).toBe(
      "this operation is not implemented by the API: GET /v2/incidents; retrying will not help, check it in incident.io's API reference",
    );
    expect(error.hint).not.toContain("retry later");
  });
});
