import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../../test/support/emulator.js";
import { IncidentIo } from "../../api/index.js";
import { demoSnapshot } from "../../emulator/seed/index.js";
import { openSession } from "../../ops/index.js";
import { ManualClock } from "../../shared/clock.js";
import { connectTools, dataOf, textOf } from "./testing.js";

const NOW = Date.UTC(2025, 8, 10, 13, 0);
const HOUR = 3_600_000;
const snapshot = demoSnapshot({ now: NOW, seed: 7 });
const clock = new ManualClock(NOW);
let t: TestEmulator;
let connection: Awaited<ReturnType<typeof connectTools>>;

async function call(name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return (await connection.client.callTool({ name, arguments: args })) as CallToolResult;
}

async function ok(name: string, args: Record<string, unknown> = {}) {
  const result = await call(name, args);
  expect(result.isError, textOf(result)).toBeFalsy();
  return result;
}

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot, clock });
  const io = new IncidentIo({
    apiKey: t.adminKey,
    baseUrl: t.url,
    fetch: t.fetch,
    rateLimit: false,
    maxRetries: 0,
  });
  connection = await connectTools(openSession(io, { alias: "test", clock }));
});
afterAll(async () => {
  await connection?.close();
  await t?.close();
});

describe("who_is_on_call", () => {
  it("answers for a service with the chain, each layer's person and who takes over", async () => {
    const result = await ok("who_is_on_call", { service: "payments-api" });
    const { on_call } = dataOf(result);
    expect(on_call.chain).toEqual(["payments-api", "team Payments", "schedule Payments on-call"]);
    expect(on_call.escalation_path).toBe("Payments urgent");
    const shown = await t.fetch(`${t.url}/v2/schedules/${on_call.schedules[0].id}`, {
      headers: { Authorization: `Bearer ${t.adminKey}` },
    });
    const { schedule } = (await shown.json()) as {
      schedule: { current_shifts: { user: { name: string } }[] };
    };
    expect(on_call.on_call.map((p: { name: string }) => p.name).sort()).toEqual(
      [...new Set(schedule.current_shifts.map((s) => s.user.name))].sort(),
    );
    const lines = textOf(result).split("\n");
    expect(lines[0]).toBe("payments-api → team Payments → schedule Payments on-call (now)");
    expect(lines.some((line) => / until .*, then /.test(line))).toBe(true);
    expect(lines.some((line) => line.includes("(override)"))).toBe(true);
  });

  it("asks about a later time by duration, and refuses two subjects with a hint", async () => {
    const later = dataOf(await ok("who_is_on_call", { team: "Payments", at: "3d" })).on_call;
    expect(later.at).toBe(new Date(NOW + 72 * HOUR).toISOString());
    const both = await call("who_is_on_call", { team: "Payments", service: "payments-api" });
    expect(both.isError).toBe(true);
    expect(dataOf(both).error.code).toBe("invalid_argument");
    expect(dataOf(both).error.hint).toMatch(/exactly one/);
    const unknown = await call("who_is_on_call", { user: "nobody@acme.example" });
    expect(dataOf(unknown).error.hint).toMatch(/email/);
  });
});

describe("schedules, overrides and paths", () => {
  it("lists schedules and shows one, its entries and the path that pages it", async () => {
    const { schedules } = dataOf(await ok("list_schedules"));
    expect(schedules.map((s: { name: string }) => s.name)).toContain("Payments on-call");
    const { schedule } = dataOf(await ok("get_schedule", { schedule: "payments on-call" }));
    expect(schedule.rotations.map((r: { name: string }) => r.name)).toEqual(["Primary", "Support desk"]);
    const entries = dataOf(await ok("list_schedule_entries", { schedule: "Payments on-call", to: "2d" }));
    expect(entries.entries.length).toBeGreaterThan(0);
    expect(entries.overrides.length).toBe(1);
    const path = dataOf(await ok("get_escalation_path", { path: "Payments urgent" })).escalation_path;
    expect(path.steps[0]).toBe("level 1: page schedule Payments on-call; 5m to acknowledge");
    const { escalation_paths } = dataOf(await ok("list_escalation_paths"));
    expect(escalation_paths).toHaveLength(7);
  });

  it("creates an override once, changes the answer with it, and deletes it by whose it is", async () => {
    const at = new Date(NOW + 4 * 24 * HOUR).toISOString();
    const before = dataOf(await ok("who_is_on_call", { schedule: "Storefront on-call", at })).on_call;
    const onNow = before.on_call[0].name;
    const cover = snapshot.users.find(
      (u) =>
        u.is_active &&
        u.role === "responder" &&
        u.name !== onNow &&
        !before.on_call.some((p: { name: string }) => p.name === u.name),
    );
    const args = {
      schedule: "Storefront on-call",
      user: cover?.email,
      from: new Date(NOW + 4 * 24 * HOUR - HOUR).toISOString(),
      until: new Date(NOW + 4 * 24 * HOUR + HOUR).toISOString(),
    };
    const made = dataOf(await ok("create_schedule_override", args));
    const again = dataOf(await ok("create_schedule_override", args));
    expect([made.created, again.created, again.override.id]).toEqual([true, false, made.override.id]);
    const during = dataOf(await ok("who_is_on_call", { schedule: "Storefront on-call", at })).on_call;
    expect(during.on_call.map((p: { name: string }) => p.name)).toEqual([cover?.name]);
    expect(during.schedules[0].layers[0].now).toMatchObject({ user: cover?.name, override: true });
    const listed = dataOf(await ok("list_schedule_overrides", { schedule: "Storefront on-call" })).overrides;
    expect(listed.map((o: { id: string }) => o.id)).toEqual([made.override.id]);
    const deleted = dataOf(
      await ok("delete_schedule_override", { schedule: "Storefront on-call", user: cover?.name }),
    );
    expect(deleted.deleted.id).toBe(made.override.id);
    const after = dataOf(await ok("who_is_on_call", { schedule: "Storefront on-call", at })).on_call;
    expect(after.on_call).toEqual(before.on_call);
  });
});

describe("paging", () => {
  it("pages a service's on-call once, lists and shows the page, and cancels it", async () => {
    const args = { service: "payments-api", title: "Payments API failing" };
    const sent = dataOf(await ok("page", args));
    expect(sent.paged).toBe("escalation path Payments urgent");
    expect(sent.escalation).toMatchObject({ status: "triggered", escalation_path: "Payments urgent" });
    // A minute later: incident.io answers a repeated key alike, so the time it was made tells found from new.
    clock.advance(60_000);
    const again = dataOf(await ok("page", args));
    expect([again.created, again.escalation.id]).toEqual([false, sent.escalation.id]);
    const listed = dataOf(await ok("list_escalations", { status: ["triggered"] })).escalations;
    expect(listed.map((e: { id: string }) => e.id)).toEqual([sent.escalation.id]);
    const shown = dataOf(await ok("get_escalation", { id: sent.escalation.id })).escalation;
    expect(shown.notified.length).toBeGreaterThan(0);
    const cancelled = await ok("cancel_escalation", { id: sent.escalation.id });
    expect(dataOf(cancelled).escalation.status).toBe("cancelled");
    expect(textOf(cancelled)).toMatch(/^Cancelled\./);
  });

  it("marks the reads read-only, page and overrides idempotent, and deletes and cancels destructive", async () => {
    const { tools } = await connection.client.listTools();
    const annotations = (name: string) => tools.find((tool) => tool.name === name)?.annotations;
    for (const name of ["who_is_on_call", "list_schedules", "list_escalations", "get_escalation_path"]) {
      expect(annotations(name), name).toMatchObject({ readOnlyHint: true });
    }
    for (const name of ["page", "create_schedule_override"]) {
      expect(annotations(name), name).toMatchObject({
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
      });
    }
    for (const name of ["delete_schedule_override", "cancel_escalation"]) {
      expect(annotations(name), name).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    }
  });
});
