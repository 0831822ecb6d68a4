import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenFor } from "../../emulator/testing.js";
import { dataOf, startToolsFixture, type ToolsFixture, textOf } from "./testing.js";

let f: ToolsFixture;
let reference: string;
beforeAll(async () => {
  f = await startToolsFixture();
  reference = dataOf(await f.call("declare_incident", { name: "Target", severity: "Minor" })).incident
    .reference;
});
afterAll(() => f.close());

/** The structured error of a failed call, after checking the text says the same. */
function failure(result: CallToolResult) {
  expect(result.isError, textOf(result)).toBe(true);
  const error = dataOf(result).error;
  expect(textOf(result)).toContain(`Error (${error.code}): ${error.message}`);
  expect(textOf(result)).toContain(`Hint: ${error.hint}`);
  return error as { code: string; message: string; hint: string; retryable: boolean };
}

describe("failures come back as tool results an agent can act on", () => {
  it("an unknown severity name lists the valid names in the hint", async () => {
    const error = failure(await f.call("escalate_incident", { incident: reference, severity: "Sev0" }));
    expect(error.code).toBe("invalid_argument");
    expect(error.message).toContain("Sev0");
    expect(error.hint).toMatch(/Minor, Major, Critical/);
    expect(error.retryable).toBe(false);
  });

  it("a reference that is no incident reference says what is accepted", async () => {
    const error = failure(await f.call("get_incident", { incident: "the checkout one" }));
    expect(error.code).toBe("invalid_argument");
    expect(error.hint).toMatch(/INC-/);
  });

  it("an incident that does not exist is not_found", async () => {
    const error = failure(await f.call("get_incident_context", { incident: "INC-99999" }));
    expect(error.code).toBe("not_found");
    expect(error.retryable).toBe(false);
  });

  it("a write with a viewer's key is forbidden, and nothing is created", async () => {
    const before = f.t.emulator.incidents().length;
    const asViewer = await f.callAs(tokenFor(f.snapshot, "Viewer"));
    const error = failure(await asViewer("declare_incident", { name: "Not allowed", severity: "Minor" }));
    expect(error.code).toBe("forbidden");
    expect(f.t.emulator.incidents()).toHaveLength(before);
  });

  it("an unknown key is unauthorized, and the key appears in no result", async () => {
    const secret = `inc_${"0123456789abcdef".repeat(4)}`;
    const asStranger = await f.callAs(secret);
    const results = [
      await asStranger("list_incidents"),
      await asStranger("get_incident", { incident: reference }),
      await asStranger("list_severities"),
      await asStranger("declare_incident", { name: "Intruder", severity: "Minor" }),
      await asStranger("append_finding", { incident: reference, body: "x" }),
    ];
    for (const result of results) {
      expect(failure(result).code).toBe("unauthorized");
      const everything = JSON.stringify(result);
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(secret.slice(4, 20));
    }
  });

  it("arguments that break the input schema are refused before anything is called", async () => {
    const result = await f.call("list_incidents", { status_category: ["ongoing"] });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/status_category/);
  });
});
