import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataOf, startToolsFixture, type ToolsFixture, textOf } from "./testing.js";

let f: ToolsFixture;
beforeAll(async () => {
  f = await startToolsFixture();
});
afterAll(() => f.close());

async function declared(name: string, extra: Record<string, unknown> = {}) {
  const result = await f.call("declare_incident", { name, severity: "Minor", ...extra });
  expect(result.isError, textOf(result)).toBeFalsy();
  return dataOf(result);
}

describe("declare_incident", () => {
  it("opens an incident with the severity, type and custom fields given by name", async () => {
    const before = f.t.emulator.incidents().length;
    const { incident, idempotency_key } = await declared("Card payments failing", {
      severity: "critical",
      type: "Default",
      summary: "Card payments fail at checkout",
      custom_fields: { "Affected team": "Payments", Products: ["Web", "App"] },
    });
    expect(incident).toMatchObject({ name: "Card payments failing", severity: "Critical", type: "Default" });
    expect(idempotency_key).toBeTruthy();
    expect(f.t.emulator.incidents()).toHaveLength(before + 1);
    const stored = f.t.emulator.incidents().find((i) => i.id === incident.id);
    expect(stored?.custom_field_entries).toHaveLength(2);
  });

  it("retried with the same input opens one incident, and reports the same key", async () => {
    const before = f.t.emulator.incidents().length;
    const first = await declared("Retry me", { summary: "Same input twice" });
    const again = await declared("Retry me", { summary: "Same input twice" });
    expect(again.incident.id).toBe(first.incident.id);
    expect(again.idempotency_key).toBe(first.idempotency_key);
    expect(f.t.emulator.incidents()).toHaveLength(before + 1);
  });

  it("with a caller's idempotency key, repeats with that key open one incident", async () => {
    const before = f.t.emulator.incidents().length;
    const first = await declared("Keyed", { idempotency_key: "agent-run-42" });
    const again = await declared("Keyed", { idempotency_key: "agent-run-42" });
    expect(first.idempotency_key).toBe("agent-run-42");
    expect(again.incident.id).toBe(first.incident.id);
    expect(f.t.emulator.incidents()).toHaveLength(before + 1);
  });
});

describe("changing an incident", () => {
  it("edit_incident changes only the fields given", async () => {
    const { incident } = await declared("Typo in nmae", { summary: "Keep me" });
    const result = await f.call("edit_incident", { incident: incident.reference, name: "Typo in name" });
    expect(dataOf(result).incident).toMatchObject({
      name: "Typo in name",
      summary: "Keep me",
      severity: "Minor",
    });
    expect(textOf(result)).toContain(`Edited ${incident.reference}.`);
  });

  it("escalate_incident moves the severity up or down and says from what", async () => {
    const { incident } = await declared("Growing problem");
    const up = await f.call("escalate_incident", { incident: incident.reference, severity: "Critical" });
    expect(dataOf(up)).toMatchObject({ from: "Minor", to: "Critical", incident: { severity: "Critical" } });
    expect(textOf(up)).toContain(`${incident.reference} severity: Minor → Critical`);
    const down = await f.call("escalate_incident", { incident: incident.id, severity: "Major" });
    expect(dataOf(down)).toMatchObject({ from: "Critical", to: "Major" });
  });

  it("close_incident moves it to the closed status, with a closing update when a message is given", async () => {
    const { incident } = await declared("Short-lived");
    const result = await f.call("close_incident", { incident: incident.reference, message: "Rolled back" });
    expect(dataOf(result).incident).toMatchObject({ status: "Closed", status_category: "closed" });
    const updates = f.t.emulator.incidentUpdates().filter((u) => u.incident_id === incident.id);
    expect(updates.map((u) => u.message)).toContain("Rolled back");
  });

  it("post_incident_update posts once when retried, and can move the status", async () => {
    const { incident } = await declared("Being fixed");
    const count = () => f.t.emulator.incidentUpdates().filter((u) => u.incident_id === incident.id).length;
    const before = count();
    const args = { incident: incident.reference, message: "Fix deploying", status: "Fixing" };
    const first = await f.call("post_incident_update", args);
    const again = await f.call("post_incident_update", args);
    expect(first.isError, textOf(first)).toBeFalsy();
    expect(dataOf(first).update).toMatchObject({ message: "Fix deploying", status: "Fixing" });
    expect(dataOf(again).update.id).toBe(dataOf(first).update.id);
    expect(count()).toBe(before + 1);
    const now = dataOf(await f.call("get_incident", { incident: incident.reference })).incident;
    expect(now.incident_status.name).toBe("Fixing");
  });
});

describe("append_finding", () => {
  it("appends a block to the summary once, keeping what was there", async () => {
    const { incident } = await declared("Needs RCA", { summary: "Customers see errors." });
    const finding = {
      incident: incident.reference,
      title: "Root cause",
      body: "A bad config push.",
      source: "RCA bot",
    };
    const first = await f.call("append_finding", finding);
    expect(dataOf(first)).toMatchObject({ appended: true });
    const summary = dataOf(first).incident.summary as string;
    expect(summary.startsWith("Customers see errors.")).toBe(true);
    expect(summary).toMatch(/\*\*Root cause\*\* · .* · RCA bot\n\nA bad config push\./);
    expect(textOf(first)).toContain(`Appended the finding to ${incident.reference}'s summary.`);

    const again = await f.call("append_finding", finding);
    expect(dataOf(again)).toMatchObject({ appended: false, incident: { summary } });
    expect(textOf(again)).toContain("already holds this finding");
  });
});
