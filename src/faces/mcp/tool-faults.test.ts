/** Tools when incident.io throttles or is slow: an error result saying retrying later can help. */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { startTestEmulator } from "../../../test/support/emulator.js";
import { IncidentIo } from "../../api/index.js";
import { testSnapshot } from "../../emulator/testing.js";
import { openSession } from "../../ops/index.js";
import { connectTools, dataOf, startToolsFixture, type ToolsFixture, textOf } from "./testing.js";

let f: ToolsFixture;
beforeAll(async () => {
  f = await startToolsFixture();
});
afterEach(() => f.t.emulator.faults.clear());
afterAll(() => f.close());

function retryableFailure(result: CallToolResult, code: string) {
  expect(result.isError, textOf(result)).toBe(true);
  expect(dataOf(result).error).toMatchObject({ code, retryable: true });
  expect(textOf(result)).toContain("Retrying the same call later may succeed.");
}

it("a 429 storm comes back as rate_limited, retryable, with when to retry", async () => {
  f.t.emulator.faults.throttleFor(120_000);
  const result = await f.call("list_incidents", {});
  retryableFailure(result, "rate_limited");
  expect(dataOf(result).error.hint).toMatch(/retry in 1[12]\ds/);
});

it("a slow answer comes back as a timeout, retryable", async () => {
  // Over real HTTP: the timeout aborts the request, which the in-process fetch of the fixture cannot show.
  const t = await startTestEmulator({ ephemeral: true, snapshot: testSnapshot(), listen: true });
  t.emulator.faults.set({ latencyMs: 1_000 });
  const io = new IncidentIo({
    apiKey: t.adminKey,
    baseUrl: t.url,
    rateLimit: false,
    maxRetries: 0,
    timeoutMs: 100,
  });
  const tools = await connectTools(openSession(io));
  try {
    const result = (await tools.client.callTool({
      name: "list_severities",
      arguments: {},
    })) as CallToolResult;
    retryableFailure(result, "timeout");
  } finally {
    await tools.close();
    await t.close();
  }
});
