/** The CLI when incident.io is throttling or slow: the exit codes and messages a user (or a script) relies on. */
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { type CliWorld, startCliWorld } from "./cli-harness.js";

let world: CliWorld;

beforeAll(async () => {
  world = await startCliWorld();
});
afterEach(() => world.t.emulator.faults.clear());
afterAll(() => world.close());

it("exits 5 at once, saying when to retry, while incident.io asks for longer than it may wait", async () => {
  world.t.emulator.faults.throttleFor(120_000);
  const started = Date.now();
  const run = await world.cli(["incidents", "list"]);
  expect(run.code).toBe(5);
  expect(run.stderr).toContain("429");
  expect(run.stderr).toMatch(/hint: .*retry in 1[12]\ds/);
  expect(Date.now() - started).toBeLessThan(10_000);
});

it("reports rate limiting as JSON with --json, marked retryable", async () => {
  world.t.emulator.faults.throttleFor(120_000);
  const run = await world.cli(["--json", "incidents", "list"]);
  expect(run.code).toBe(5);
  const { error } = JSON.parse(run.stderr);
  expect(error).toMatchObject({ code: "rate_limited", retryable: true });
});

it("gives up after --timeout per answer and exits 1 saying so", async () => {
  world.t.emulator.faults.set({ latencyMs: 2_000 });
  // An edit without an idempotency key is not repeated after a timeout, so this is one attempt.
  const run = await world.cli(["--timeout", "0.3", "incidents", "edit", "INC-1", "--name", "Renamed"]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain("no answer within 300 ms");
});

it("refuses a --timeout that is not a positive number of seconds", async () => {
  const run = await world.cli(["--timeout", "soon", "incidents", "list"]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("--timeout must be a number of seconds");
});
