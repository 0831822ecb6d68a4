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

it("after a 429 asking for a long pause, the next call answers rate_limited with retry_after at once, not after it", async () => {
  // The session as `incidentkit mcp` makes it: pacing on, a tool waits at most 20 s.
  const io = new IncidentIo({
    apiKey: f.t.adminKey,
    baseUrl: f.t.url,
    fetch: f.t.fetch,
    maxRetryDelayMs: 20_000,
    maxPauseWaitMs: 20_000,
  });
  const tools = await connectTools(openSession(io));
  try {
    f.t.emulator.faults.throttleFor(88_000);
    const first = (await tools.client.callTool({ name: "list_severities", arguments: {} })) as CallToolResult;
    retryableFailure(first, "rate_limited");
    f.t.emulator.faults.clear();
    const started = performance.now();
    const next = (await tools.client.callTool({ name: "list_incidents", arguments: {} })) as CallToolResult;
    expect(performance.now() - started).toBeLessThan(2_000);
    retryableFailure(next, "rate_limited");
    expect(dataOf(next).error.retry_after).toBeGreaterThan(80);
    expect(dataOf(next).error.retry_after).toBeLessThanOrEqual(88);
    expect(dataOf(next).error.message).toContain("longer than this call may wait (20 s)");
  } finally {
    await tools.close();
  }
});
