import { describe, expect, it } from "vitest";
import { IncidentKitError } from "../../api/index.js";
import { LocatedError } from "../../shared/located-error.js";
import { describeError, describeErrorAsJson, exitCodeFor } from "./errors.js";

const TOKEN = `inc_${"7c".repeat(32)}`;

describe("the CLI's rendering of the error family", () => {
  it("prints the message then the hint, and exits by the family's code", () => {
    const error = new IncidentKitError({
      code: "rate_limited",
      message: "slow down",
      hint: "wait 2 s",
      retryable: true,
    });
    expect(describeError(error)).toBe("error: slow down\nhint: wait 2 s\n");
    expect(exitCodeFor(error)).toBe(5);
    expect(JSON.parse(describeErrorAsJson(error))).toEqual({
      error: { code: "rate_limited", message: "slow down", hint: "wait 2 s", retryable: true },
    });
  });

  it("gives a file at fault its place and exit code 3, like any configuration problem", () => {
    const error = new LocatedError("rules.yaml", 14, 5, "rules[2].name", "required");
    expect(describeError(error)).toBe(
      "error: rules.yaml:14:5: rules[2].name: required\nhint: correct rules.yaml at line 14, column 5, then try again\n",
    );
    expect(exitCodeFor(error)).toBe(3);
  });

  it("shows an unexpected failure as internal, exit 1: its message without the stack or any key", () => {
    const error = new TypeError(`cannot read header Authorization: Bearer ${TOKEN}`);
    const human = describeError(error);
    expect(human).toMatch(/^error: cannot read header Authorization: \[redacted\]\nhint: .*report it/);
    const json = JSON.parse(describeErrorAsJson(error)) as { error: Record<string, unknown> };
    expect(json.error).toMatchObject({ code: "internal", retryable: false });
    for (const shown of [human, JSON.stringify(json)]) {
      expect(shown).not.toContain(TOKEN.slice(4, 20));
      expect(shown).not.toContain("errors.test.ts");
      expect(shown).not.toMatch(/\n\s+at /);
    }
    expect(exitCodeFor(error)).toBe(1);
    expect(describeError("thrown text")).toMatch(/^error: thrown text\nhint: /);
  });

  it("removes a key from a family error's message and hint too", () => {
    const error = new IncidentKitError({
      code: "unauthorized",
      message: `key ${TOKEN} refused`,
      hint: "use another",
    });
    expect(describeError(error)).not.toContain(TOKEN);
    expect(exitCodeFor(error)).toBe(3);
  });
});
