import { describe, expect, it } from "vitest";
import { memoryOnly } from "./db.js";
import { escalationTimeline } from "./escalation-timeline.js";
import type { EscalationNodeRecord, EscalationRecord } from "./model-oncall.js";
import { EmulatorState } from "./state.js";
import { testSnapshot } from "./testing.js";

/** How a page moves through its path as time passes: levels, waits, branches, repeats and retries. */

const START = Date.UTC(2024, 4, 6, 12);
const state = new EmulatorState(testSnapshot(), memoryOnly);
const level = (id: string, user: string, seconds: number, extra: object = {}): EscalationNodeRecord => ({
  id,
  type: "level",
  level: { targets: [{ type: "user", id: user, urgency: "high" }], time_to_ack_seconds: seconds, ...extra },
});
const escalation = (path: EscalationNodeRecord[]): EscalationRecord => ({
  id: "01ESCALATION",
  title: "Checkout is down",
  description: "",
  idempotency_key: "k",
  priority: "High",
  path,
  created_at: new Date(START).toISOString(),
});
const shown = (path: EscalationNodeRecord[], until = START + 3_600_000) =>
  escalationTimeline(state, escalation(path), until).map((step) => [
    (step.at - START) / 1000,
    step.event,
    ...(step.userIds ?? []),
  ]);

describe("an escalation's timeline", () => {
  it("takes the else branch of a conditional node, repeats back past the branch, then expires", () => {
    const path: EscalationNodeRecord[] = [
      level("first", "ada", 300),
      {
        id: "branch",
        type: "if_else",
        if_else: {
          conditions: [
            {
              subject: { label: "Priority", reference: "alert.priority" },
              operation: { label: "is", value: "is" },
              param_bindings: [],
            },
          ],
          then_path: [level("never", "nobody", 60)],
          else_path: [
            level("second", "grace", 60),
            { id: "again", type: "repeat", repeat: { to_node: "first", repeat_times: 1 } },
          ],
        },
      },
    ];
    expect(shown(path)).toEqual([
      [0, "triggered"],
      [0, "notified_users", "ada"],
      [300, "notified_users", "grace"],
      [360, "notified_users", "ada"],
      [660, "notified_users", "grace"],
      [720, "expired"],
    ]);
  });

  it("pages a level again on its retry interval while it waits, and waits out delays", () => {
    const path: EscalationNodeRecord[] = [
      { id: "wait", type: "delay", delay: { delay_seconds: 120 } },
      level("first", "ada", 600, { retry_config: { attempts: 3, interval_seconds: 240 } }),
    ];
    expect(shown(path)).toEqual([
      [0, "triggered"],
      [120, "notified_users", "ada"],
      [360, "notified_users", "ada"],
      [600, "notified_users", "ada"],
      [720, "expired"],
    ]);
  });

  it("shows only what has happened by the time asked about", () => {
    expect(shown([level("first", "ada", 300), level("second", "grace", 300)], START + 299_000)).toEqual([
      [0, "triggered"],
      [0, "notified_users", "ada"],
    ]);
  });

  it("stops when the path loops on itself without paging anyone", () => {
    const path: EscalationNodeRecord[] = [
      { id: "loop", type: "repeat", repeat: { to_node: "loop", repeat_times: 100 } },
    ];
    expect(shown(path)).toEqual([
      [0, "triggered"],
      [0, "expired"],
    ]);
  });
});
