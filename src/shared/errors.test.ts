import { describe, expect, it } from "vitest";
import { ConfigError, INTERNAL_HINT, IncidentKitError, messageOf, toIncidentKitError } from "./errors.js";
import { LocatedError } from "./located-error.js";

class WithStatus extends IncidentKitError {
  constructor(readonly status: number) {
    super({ code: "server_error", message: "incident.io answered 503", hint: "try again", retryable: true });
    this.name = "WithStatus";
  }
}

describe("the error family", () => {
  it("carries a code, a message, a hint and whether retrying helps; not retryable unless said", () => {
    const error = new IncidentKitError({ code: "not_found", message: "no INC-9", hint: "list incidents" });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      code: "not_found",
      message: "no INC-9",
      hint: "list incidents",
      retryable: false,
    });
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.toJSON()).toEqual({
      name: "IncidentKitError",
      code: "not_found",
      message: "no INC-9",
      hint: "list incidents",
      retryable: false,
    });
  });

  it("re-hints an error keeping its class, its fields and its message, the original as the cause", () => {
    const original = new WithStatus(503);
    const rehinted = original.withHint("wait for incident.io's status page to clear");
    expect(rehinted).toBeInstanceOf(WithStatus);
    expect(rehinted).toMatchObject({
      name: "WithStatus",
      status: 503,
      code: "server_error",
      message: "incident.io answered 503",
      hint: "wait for incident.io's status page to clear",
      retryable: true,
    });
    expect(rehinted.cause).toBe(original);
    expect(original.hint).toBe("try again");
  });

  it("a configuration problem names the setting; a file's problem its place, and both are `config`", () => {
    const config = new ConfigError("slack.channel", "slack.channel: name the channel", "set it in hub.yaml");
    expect(config).toMatchObject({ code: "config", setting: "slack.channel", hint: "set it in hub.yaml" });
    const located = new LocatedError("rules.yaml", 14, 5, "rules[2].name", "required");
    expect(located).toBeInstanceOf(IncidentKitError);
    expect(located).toMatchObject({
      code: "config",
      message: "rules.yaml:14:5: rules[2].name: required",
      hint: "correct rules.yaml at line 14, column 5, then try again",
      retryable: false,
    });
  });

  it("takes any thrown value into the family: its own members as they are, anything else as internal", () => {
    const known = new ConfigError("baseUrl", "not a URL", "use https://api.incident.io");
    expect(toIncidentKitError(known)).toBe(known);
    const failure = new TypeError("cannot read properties of undefined");
    const internal = toIncidentKitError(failure);
    expect(internal).toMatchObject({
      code: "internal",
      message: "cannot read properties of undefined",
      hint: INTERNAL_HINT,
      retryable: false,
    });
    expect(internal.cause).toBe(failure);
    expect(toIncidentKitError("a string", "report it").hint).toBe("report it");
  });

  it("reads a message from anything thrown, never [object Object]", () => {
    expect(messageOf(new Error("boom"))).toBe("boom");
    expect(messageOf(new RangeError(""))).toBe("RangeError");
    expect(messageOf({ message: "from a plain object" })).toBe("from a plain object");
    expect(messageOf({ status: 500 })).toBe('{"status":500}');
    expect(messageOf(42)).toBe("42");
  });
});
