import { describe, expect, it } from "vitest";
import { nameProblem, parseRef, refKey } from "./ref.js";

describe("entity names", () => {
  it.each(["payments-api", "a", "Payments.API_v2", "x".repeat(63)])("accepts %s", (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  it.each(["", "-payments", "payments-", "pay--ments", "pay ments", "pay/ments", "x".repeat(64)])(
    "refuses %j",
    (name) => {
      expect(nameProblem(name)).toMatch(/1-63 letters and digits/);
    },
  );
});

describe("entity references", () => {
  const defaults = { kind: "group", namespace: "default" };

  it("fills the kind and namespace the referring field implies", () => {
    expect(parseRef("payments", defaults)).toEqual({
      ok: true,
      ref: "group:default/payments",
      kind: "group",
    });
    expect(parseRef("group:payments", defaults)).toMatchObject({ ref: "group:default/payments" });
    expect(parseRef("group:default/payments", defaults)).toMatchObject({ ref: "group:default/payments" });
    expect(parseRef("ops/payments", defaults)).toMatchObject({ ref: "group:ops/payments" });
    expect(parseRef("payments", { kind: "group", namespace: "ops" })).toMatchObject({
      ref: "group:ops/payments",
    });
  });

  it("writes kind and namespace in lower case, keeps the name, and compares without case", () => {
    const parsed = parseRef("Group:Default/Payments", defaults);
    expect(parsed).toEqual({ ok: true, ref: "group:default/Payments", kind: "group" });
    expect(refKey("group:default/Payments")).toBe(refKey("group:default/payments"));
  });

  it("explains a malformed reference", () => {
    expect(parseRef("group:", defaults)).toEqual({
      ok: false,
      problem: expect.stringContaining("is not an entity reference"),
    });
    expect(parseRef("9x:payments", defaults)).toMatchObject({ ok: false });
    expect(parseRef("group:Bad_NS/payments", defaults)).toMatchObject({
      ok: false,
      problem: expect.stringContaining("namespace"),
    });
  });
});
