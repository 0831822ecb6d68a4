import { describe, expect, it } from "vitest";
import { IncidentKitError } from "../../api/index.js";
import { LocatedError } from "../../shared/located-error.js";
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

describe("errorResult across the family", () => {
  it("gives a file at fault its code, place and hint, and says retrying will not help", () => {
    const result = errorResult(
      new LocatedError("card.yaml", 3, 9, "levels[0].rules[0]", 'unknown name "tier"'),
    );
    expect(result.structuredContent).toEqual({
      error: {
        code: "config",
        message: 'card.yaml:3:9: levels[0].rules[0]: unknown name "tier"',
        hint: "correct card.yaml at line 3, column 9, then try again",
        retryable: false,
      },
    });
    expect((result.content[0] as { text: string }).text).toContain("Retrying the same call will not help.");
  });

  it("says when a retryable error can be tried again, in seconds", () => {
    const error = new IncidentKitError({
      code: "rate_limited",
      message: "wait",
      hint: "later",
      retryable: true,
      retryAfterMs: 12_300,
    });
    expect(errorResult(error).structuredContent).toMatchObject({
      error: { retryable: true, retry_after: 13 },
    });
  });

  it("never carries an unexpected failure's stack", () => {
    const result = errorResult(new RangeError("index out of range"));
    expect(result.structuredContent).toEqual({
      error: {
        code: "internal",
        message: "index out of range",
        hint: expect.stringContaining("report it"),
        retryable: false,
      },
    });
    expect(JSON.stringify(result)).not.toMatch(/errors\.test\.ts|\n\s+at /);
  });
});
