import { describe, expect, it } from "vitest";
import { errorMessage } from "./error-message.js";

describe("errorMessage", () => {
  it("is the error's message, never [object Object]", () => {
    expect(errorMessage(new Error("incident.io answered 503"))).toBe("incident.io answered 503");
    expect(errorMessage(new TypeError(""))).toBe("TypeError");
    expect(errorMessage({ message: "the outbox is stuck", code: 7 })).toBe("the outbox is stuck");
    expect(errorMessage({ status: 502, body: "bad gateway" })).toBe('{"status":502,"body":"bad gateway"}');
    expect(errorMessage("plain words")).toBe("plain words");
  });
});
