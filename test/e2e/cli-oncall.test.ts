/**
 * `incidentkit oncall`, `page` and `escalations` as processes against an emulator seeded with the demo organisation
 * (its on-call counted from now): who is on call for a service through the catalog, answers that change across a
 * handover and with an override, and a page sent once however often asked, listed and cancelled.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSnapshot } from "../../src/emulator/seed/index.js";
import { type CliWorld, json, startCliWorld } from "./cli-harness.js";

const HOUR = 3_600_000;
let w: CliWorld;

interface Shift {
  user?: string;
  from: string;
  until: string;
  override: boolean;
}
interface OnCallDocument {
  on_call: {
    at: string;
    chain: string[];
    on_call: { name: string; email?: string }[];
    schedules: {
      id: string;
      name: string;
      layers: { rotation: string; layer: string; now?: Shift; next?: Shift }[];
    }[];
    escalation_path?: string;
  };
}

beforeAll(async () => {
  // The demo organisation in place of the test one: its catalog leads from services to teams to on-call.
  w = await startCliWorld((snapshot) => Object.assign(snapshot, demoSnapshot({ now: Date.now(), seed: 11 })));
});

afterAll(async () => {
  await w?.close();
});

async function onCall(args: string[]): Promise<OnCallDocument["on_call"]> {
  const run = await w.cli(["--json", "oncall", ...args]);
  expect(run.code, run.stderr).toBe(0);
  return json<OnCallDocument>(run).on_call;
}

const layer = (answer: OnCallDocument["on_call"], name: string) =>
  answer.schedules[0]?.layers.find((l) => l.layer === name);

// Each test runs up to seven processes, and a busy machine takes seconds to start each.
describe("incidentkit oncall", { timeout: 120_000 }, () => {
  it("answers for a service through its owner team, as the schedule itself says", async () => {
    const run = await w.cli(["oncall", "--service", "payments-api"]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("payments-api → team Payments → schedule Payments on-call (now)");
    expect(lines).toContain("Pages go through the escalation path Payments urgent.");
    const answer = await onCall(["--service", "payments-api"]);
    const shown = await w.t.fetch(`${w.t.url}/v2/schedules/${answer.schedules[0]?.id}`, {
      headers: { Authorization: `Bearer ${w.t.adminKey}` },
    });
    const { schedule } = (await shown.json()) as {
      schedule: { current_shifts: { user: { name: string } }[] };
    };
    expect(answer.on_call.map((p) => p.name).sort()).toEqual(
      [...new Set(schedule.current_shifts.map((s) => s.user.name))].sort(),
    );
  });

  it("changes across a handover: who was next before it is on call after it", async () => {
    const later = await onCall(["--team", "Payments", "--at", "3d"]);
    const handover = Date.parse(layer(later, "Secondary")?.now?.until ?? "");
    expect(handover).toBeGreaterThan(Date.now());
    const at = (ms: number) => new Date(ms).toISOString();
    const before = await onCall(["--schedule", "payments on-call", "--at", at(handover - HOUR)]);
    const after = await onCall(["--schedule", "payments on-call", "--at", at(handover + HOUR)]);
    expect(layer(before, "Secondary")?.now?.user).not.toBe(layer(after, "Secondary")?.now?.user);
    expect(layer(before, "Secondary")?.next?.user).toBe(layer(after, "Secondary")?.now?.user);
  });

  it("changes with an override added, and back once it is removed", async () => {
    const at = new Date(Date.now() + 5 * 24 * HOUR).toISOString();
    const before = await onCall(["--schedule", "Data on-call", "--at", at]);
    const onNow = layer(before, "Primary")?.now?.user;
    const cover = ["Emily Clarke", "Ravi Shah"].find((name) => name !== onNow) ?? "";
    const add = [
      "oncall",
      "overrides",
      "add",
      "--schedule",
      "Data on-call",
      "--user",
      cover,
      "--from",
      new Date(Date.parse(at) - HOUR).toISOString(),
      "--until",
      new Date(Date.parse(at) + HOUR).toISOString(),
    ];
    const added = await w.cli(add);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout.split("\n")[0]).toBe("Override added.");
    const again = await w.cli(add);
    expect(again.stdout.split("\n")[0]).toBe("Override already there: nothing changed.");
    const during = await onCall(["--schedule", "Data on-call", "--at", at]);
    expect(layer(during, "Primary")?.now).toMatchObject({ user: cover, override: true });
    const listed = await w.cli(["--json", "oncall", "overrides", "list", "--schedule", "Data on-call"]);
    expect(
      json<{ overrides: { user: { name: string } }[] }>(listed).overrides.map((o) => o.user.name),
    ).toEqual([cover]);
    const removed = await w.cli([
      "oncall",
      "overrides",
      "remove",
      "--schedule",
      "Data on-call",
      "--user",
      cover,
    ]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(layer(await onCall(["--schedule", "Data on-call", "--at", at]), "Primary")?.now?.user).toBe(onNow);
  });

  it("exits 2 with a hint for a service the catalog does not have, or none given", async () => {
    const unknown = await w.cli(["oncall", "--service", "payments-apx"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('error: no service in the catalog is called "payments-apx"');
    expect(unknown.stderr).toMatch(/hint: .*payments-api/);
    const none = await w.cli(["oncall", "overrides", "list"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("list needs --schedule <name>");
  });
});

describe("incidentkit page and escalations", { timeout: 120_000 }, () => {
  it("pages a service's on-call once, lists the page and cancels it", async () => {
    const args = ["--json", "page", "--service", "payments-api", "--title", "Payments API failing"];
    const first = await w.cli(args);
    expect(first.code, first.stderr).toBe(0);
    const sent = json<{ escalation: { id: string; status: string }; chain: string[]; created: boolean }>(
      first,
    );
    expect(sent.chain).toEqual(["payments-api", "team Payments", "escalation path Payments urgent"]);
    expect([sent.created, sent.escalation.status]).toEqual([true, "triggered"]);
    // The same page again, straight after, is found by its key: the same escalation, nothing sent again.
    const again = json<{ escalation: { id: string }; created: boolean }>(await w.cli(args));
    expect([again.created, again.escalation.id]).toEqual([false, sent.escalation.id]);
    const human = await w.cli(args.slice(1));
    expect(human.stdout).toMatch(/^Already paged \(nothing sent again\): payments-api → team Payments/);

    const listed = await w.cli(["escalations", "list", "--status", "triggered"]);
    expect(listed.stdout).toContain(sent.escalation.id);
    expect(listed.stdout).toContain("Payments urgent");
    const cancelled = await w.cli(["escalations", "cancel", sent.escalation.id]);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(cancelled.stdout).toContain("(cancelled)");
    const shown = json<{ escalation: { status: string } }>(
      await w.cli(["--json", "escalations", "show", sent.escalation.id]),
    );
    expect(shown.escalation.status).toBe("cancelled");
  });

  it("exits 2 without a title or with two targets", async () => {
    const untitled = await w.cli(["page", "--team", "Data"]);
    expect(untitled.code).toBe(2);
    const twice = await w.cli(["page", "--team", "Data", "--path", "Data urgent", "--title", "x"]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("not team and path");
  });
});
