import { describe, expect, it } from "vitest";
import { canonicalJson, deriveIdempotencyKey } from "./idempotency.js";

describe("deriveIdempotencyKey", () => {
  it("is incidentkit-<op>-<32 hex>, the same for the same alias and input whatever the key order", () => {
    const a = deriveIdempotencyKey("work", "declare", { name: "X", severity_id: "S", summary: undefined });
    const b = deriveIdempotencyKey("work", "declare", { severity_id: "S", name: "X" });
    expect(a).toMatch(/^incidentkit-declare-[0-9a-f]{32}$/);
    expect(b).toBe(a);
  });

  it("differs by alias, operation and input", () => {
    const base = deriveIdempotencyKey("work", "declare", { name: "X" });
    expect(deriveIdempotencyKey("home", "declare", { name: "X" })).not.toBe(base);
    expect(deriveIdempotencyKey("work", "update", { name: "X" }).startsWith("incidentkit-update-")).toBe(
      true,
    );
    expect(deriveIdempotencyKey("work", "declare", { name: "Y" })).not.toBe(base);
    expect(deriveIdempotencyKey("work", "declare", { name: ["X"] })).not.toBe(base);
  });

  it("writes nested values canonically", () => {
    expect(canonicalJson({ b: [{ d: 1, c: null }], a: "x" })).toBe('{"a":"x","b":[{"c":null,"d":1}]}');
  });
});
