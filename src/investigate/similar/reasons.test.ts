import { describe, expect, it } from "vitest";
import { describeDelta, termsReason } from "./reasons.js";
import { tokenize } from "./tokenize.js";

describe("reasons", () => {
  it("says how far apart two incidents are, in the unit a person would use", () => {
    const minute = 60_000;
    expect(describeDelta(20_000)).toBe("at the same time");
    expect(describeDelta(-minute)).toBe("1 minute earlier");
    expect(describeDelta(45 * minute)).toBe("45 minutes later");
    expect(describeDelta(-30 * 60 * minute)).toBe("30 hours earlier");
    expect(describeDelta(-3 * 24 * 60 * minute)).toBe("3 days earlier");
    expect(describeDelta(40 * 24 * 60 * minute)).toBe("40 days later");
  });

  it("names the strongest terms as the query wrote them, adjacent ones as a phrase", () => {
    const tokens = tokenize("Payments timing out: connection pool exhausted after the deploy");
    const parts = new Map([
      ["pool", 3],
      ["connection", 2.5],
      ["tim", 2],
      ["deploy", 1],
      ["exhaust", 0.5],
      ["payment", 0.4],
    ]);
    const reason = termsReason(parts, tokens, 0.4);
    expect(reason?.text).toBe("shared terms: timing, connection pool exhausted, deploy");
    expect(reason?.contribution).toBe(0.4);
    expect(termsReason(new Map(), tokens, 0)).toBeUndefined();
  });
});
