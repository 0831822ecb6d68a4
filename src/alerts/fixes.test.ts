import { describe, expect, it } from "vitest";
import { IncidentIoApiError, IncidentIoTransportError, IncidentKitError } from "../api/index.js";
import { describeFailure, FIXES } from "./fixes.js";

function apiError(status: number, extra: Partial<ConstructorParameters<typeof IncidentIoApiError>[0]> = {}) {
  return new IncidentIoApiError({
    code: "x",
    message: `incident.io answered ${status}`,
    hint: "check the request",
    status,
    method: "POST",
    url: "https://api.incident.io/v2/incidents",
    retryable: status === 429 || status >= 500,
    ...extra,
  });
}

describe("describeFailure", () => {
  it("keeps a refused key pending for a person to fix, never failing the alert", () => {
    expect(describeFailure(apiError(401))).toMatchObject({
      outcome: "retry",
      needsPerson: true,
      fix: FIXES.unauthorized,
    });
    const forbidden = describeFailure(apiError(403, { requiredScope: "incident_creator" }));
    expect(forbidden).toMatchObject({ outcome: "retry", needsPerson: true, httpStatus: 403 });
    expect(forbidden.fix).toContain('"incident_creator"');
  });

  it("retries rate limits with incident.io's wait, server errors and unreachable hosts", () => {
    expect(describeFailure(apiError(429, { retryAfterMs: 7_000 }))).toMatchObject({
      outcome: "retry",
      needsPerson: false,
      retryAfterMs: 7_000,
      fix: FIXES.rateLimited,
    });
    expect(describeFailure(apiError(503)).outcome).toBe("retry");
    const down = new IncidentIoTransportError({
      code: "timeout",
      message: "timed out",
      hint: "h",
      method: "POST",
      url: "u",
    });
    expect(describeFailure(down)).toMatchObject({ outcome: "retry", fix: FIXES.unreachable });
  });

  it("fails what retrying cannot fix, naming the refused field", () => {
    const invalid = describeFailure(
      apiError(422, {
        fieldErrors: [{ code: "invalid", message: "bad", field: "severity_id" }],
        hint: "use Critical",
      }),
    );
    expect(invalid.outcome).toBe("failed");
    expect(invalid.fix).toContain("severity_id");
    expect(invalid.fix).toContain("use Critical");
    expect(describeFailure(apiError(404))).toMatchObject({ outcome: "failed", fix: FIXES.notFound });
    const badInput = new IncidentKitError({
      code: "invalid_argument",
      message: "unknown severity",
      hint: "use one of: Minor",
    });
    expect(describeFailure(badInput)).toMatchObject({ outcome: "failed", fix: "use one of: Minor" });
  });
});
