import { describe, expect, it } from "vitest";
import { redact, redactValue } from "./redact.js";

const KEY = `inc_${"0123456789abcdef".repeat(4)}`;

describe("redact", () => {
  it("removes the given key wherever it occurs", () => {
    expect(redact(`prefix${KEY.slice(4)}suffix`, [KEY.slice(4)])).toBe("prefix[redacted]suffix");
  });

  it("removes bearer tokens, Authorization headers and inc_ tokens it was not told about", () => {
    const text = [
      "Authorization: Bearer sk-live-123",
      '{"authorization":"Basic dXNlcjpwYXNz"}',
      "got bearer abc.def-ghi",
      `key=${KEY}`,
    ].join("\n");
    const out = redact(text);
    expect(out).not.toMatch(/sk-live-123|dXNlcjpwYXNz|abc\.def-ghi|0123456789abcdef/);
    expect(out).toContain("Authorization: [redacted]");
    expect(out).toContain("Bearer [redacted]");
    expect(out).toContain("key=[redacted]");
  });

  it("leaves ordinary text alone", () => {
    const text = "Incident INC-123 moved to Closed by inc-bot (request_id 8e3c)";
    expect(redact(text, ["abc"])).toBe(text);
  });

  it("redacts inside JSON values and drops secret-named fields", () => {
    expect(redactValue({ a: [`x ${KEY}`], apiKey: "whatever", nested: { token: "t", ok: 1 } })).toEqual({
      a: ["x [redacted]"],
      apiKey: "[redacted]",
      nested: { token: "[redacted]", ok: 1 },
    });
  });
});
