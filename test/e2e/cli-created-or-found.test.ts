/**
 * Whether a CLI write made its record or found it, run twice straight after each other as separate processes,
 * with incident.io's clock a minute ahead of this machine's: every record then looks new by the time, so only
 * what was there before each write can tell the second run that it found the first run's record.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/shared/clock.js";
import { seedIncidents } from "./cli-fixtures.js";
import { type CliWorld, json, startCliWorld } from "./cli-harness.js";

let w: CliWorld;

beforeAll(async () => {
  w = await startCliWorld(seedIncidents, { clock: { ...systemClock, now: () => Date.now() + 60_000 } });
});
afterAll(async () => {
  await w?.close();
});

interface Written {
  created: boolean | "unknown";
  idempotency_key: string;
}

// Each test runs a few processes, and a busy machine takes seconds to start each.
describe("the same write twice from the CLI", { timeout: 120_000 }, () => {
  it("declares, then says the incident was already declared", async () => {
    const args = ["incidents", "declare", "--name", "Search is slow", "--severity", "Minor"];
    const first = json<Written & { incident: { id: string } }>(await w.cli(["--json", ...args]));
    const again = await w.cli(args);
    expect(again.code, again.stderr).toBe(0);
    expect(first.created).toBe(true);
    expect(again.stdout).toMatch(
      /^Already declared: INC-\d+ \(investigating since .*nothing new was declared$/m,
    );
  });

  it("pages, then says the page was already sent and sends nothing again", async () => {
    const args = ["--json", "page", "--user", "Ada Lovelace", "--title", "Disk full on db-1"];
    const first = json<Written & { escalation: { id: string } }>(await w.cli(args));
    const again = json<Written & { escalation: { id: string } }>(await w.cli(args));
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.escalation.id).toBe(first.escalation.id);
    expect(w.t.emulator.onCall().escalations).toHaveLength(1);
  });

  it("posts an update, then says it was already posted", async () => {
    const args = ["--json", "updates", "post", "INC-1", "--message", "Failing over to the replica"];
    const first = json<Written & { update: { id: string } }>(await w.cli(args));
    const again = json<Written & { update: { id: string } }>(await w.cli(args));
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.update.id).toBe(first.update.id);
  });
});
