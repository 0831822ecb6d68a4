import { describe, expect, it } from "vitest";
import { IncidentKitError } from "../../api/index.js";
import { errorResult } from "./errors.js";

describe("errorResult", () => {
  it("keeps an incidentkit error's code, hint and retryability, and says whether retrying helps", () => {
    const result = errorResult(
      new IncidentKitError({ code: "rate_limited", message: "slow down", hint: "wait 2 s", retryable: true }),
    );
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toEqual({
      error: { code: "rate_limited", message: "slow down", hint: "wait 2 s", retryable: true },
    });
    expect(result.content).toEqual([
      {
        type: "text",
        text: "Error (rate_limited): slow down\nHint: wait 2 s\nRetrying the same call later may succeed.",
      },
    ]);
  });

  it("reports an unexpected failure as internal, with any API key token removed", () => {
    const token = `inc_${"9f".repeat(32)}`;
    const result = errorResult(new TypeError(`cannot read header Authorization: Bearer ${token}`));
    expect(result.structuredContent).toMatchObject({ error: { code: "internal", retryable: false } });
    expect(JSON.stringify(result)).not.toContain(token);
    expect(JSON.stringify(result)).not.toContain("9f9f9f9f");
  });
});
