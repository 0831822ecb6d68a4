import { expect, it, describe as suite } from "vitest";
import { describe } from "./up.js";

suite("the hub's log line for an error", () => {
  it("is the error's message, never [object Object]", () => {
    expect(describe(new Error("incident.io answered 503"))).toBe("incident.io answered 503");
    expect(describe(new TypeError(""))).toBe("TypeError");
    expect(describe({ message: "the outbox is stuck", code: 7 })).toBe("the outbox is stuck");
    expect(describe({ status: 502, body: "bad gateway" })).toBe('{"status":502,"body":"bad gateway"}');
    expect(describe("plain words")).toBe("plain words");
  });
});
