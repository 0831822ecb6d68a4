import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../test/support/emulator.js";
import { ManualClock } from "../shared/clock.js";
import { demoSnapshot } from "./seed/index.js";
import { call, type Reply } from "./testing.js";

/** On-call is written through to the emulator's database: a restart finds schedules and pages as they were left. */

const NOW = Date.UTC(2025, 5, 4, 12);
let dataDir: string;
let t: TestEmulator;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "incidentkit-oncall-"));
});

afterEach(async () => {
  await t?.emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it("keeps the seeded schedules, a new override, and an acknowledged page across a restart", async () => {
  const clock = new ManualClock(NOW);
  const snapshot = demoSnapshot({ now: NOW, seed: 2 });
  t = await startTestEmulator({ dataDir, snapshot, clock });
  const send = (method: string, path: string, body?: unknown): Promise<Reply> =>
    call(t.emulator, method, path, { token: t.adminKey, body });
  const schedule = snapshot.schedules[1];
  const rotation = schedule?.rotations[0];
  const override = await send("POST", "/v2/schedule_overrides", {
    schedule_id: schedule?.id,
    rotation_id: rotation?.id,
    layer_id: rotation?.layers[0]?.id,
    user: { id: snapshot.users[3]?.id },
    start_at: "2025-06-05T00:00:00Z",
    end_at: "2025-06-06T00:00:00Z",
  });
  expect(override.status).toBe(201);
  const page = await send("POST", "/v2/escalations", {
    idempotency_key: "restart",
    title: "Restart me",
    escalation_path_id: snapshot.escalation_paths[1]?.id,
  });
  expect(page.status).toBe(201);
  clock.advance(60_000);
  expect(
    (await send("POST", `/_emulator/escalations/${page.body.escalation.id}/actions/acknowledge`, {})).status,
  ).toBe(200);
  const entries = `/v2/schedule_entries?schedule_id=${schedule?.id}&entry_window_start=2025-06-01T00:00:00Z&entry_window_end=2025-06-10T00:00:00Z`;
  const before = await send("GET", entries);
  const escalation = await send("GET", `/v2/escalations/${page.body.escalation.id}`);
  await t.close();

  t = await startTestEmulator({ dataDir, clock });
  expect((await send("GET", entries)).body).toEqual(before.body);
  expect((await send("GET", `/v2/escalations/${page.body.escalation.id}`)).body).toEqual(escalation.body);
  expect((await send("GET", "/v2/schedules?page_size=100")).body.schedules).toHaveLength(
    snapshot.schedules.length,
  );
  await t.close();
});
