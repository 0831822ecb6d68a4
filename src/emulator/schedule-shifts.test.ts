import { describe, expect, it } from "vitest";
import type { ScheduleRotationRecord } from "./model-oncall.js";
import { scheduledShifts } from "./schedule-shifts.js";

/** Rotation rules worked out into shifts: handovers in local time, layers, working intervals and versions. */

const rotation = (overrides: Partial<ScheduleRotationRecord> = {}): ScheduleRotationRecord => ({
  id: "rota",
  name: "Primary",
  handover_start_at: "2025-03-24T09:00:00Z",
  handovers: [{ interval_type: "weekly", interval: 1 }],
  layers: [{ id: "first", name: "First" }],
  user_ids: ["ada", "grace", "linus"],
  working_intervals: [],
  ...overrides,
});

const shown = (shifts: ReturnType<typeof scheduledShifts>) =>
  shifts.map((s) => [s.userId, s.layerId, new Date(s.start).toISOString(), new Date(s.end).toISOString()]);

describe("shifts from rotation rules", () => {
  it("hands over at the same local time across a daylight-saving change", () => {
    // London moves to summer time on 2025-03-30: Monday 09:00 is 09:00Z before and 08:00Z after.
    const shifts = scheduledShifts(
      [rotation()],
      "Europe/London",
      Date.parse("2025-03-25T00:00:00Z"),
      Date.parse("2025-04-08T00:00:00Z"),
    );
    expect(shown(shifts)).toEqual([
      ["ada", "first", "2025-03-24T09:00:00.000Z", "2025-03-31T08:00:00.000Z"],
      ["grace", "first", "2025-03-31T08:00:00.000Z", "2025-04-07T08:00:00.000Z"],
      ["linus", "first", "2025-04-07T08:00:00.000Z", "2025-04-14T08:00:00.000Z"],
    ]);
  });

  it("puts one person per layer on call at once, taking users in turn, and cycles through the handovers", () => {
    const shifts = scheduledShifts(
      [
        rotation({
          handover_start_at: "2025-06-02T00:00:00Z",
          handovers: [
            { interval_type: "daily", interval: 1 },
            { interval_type: "hourly", interval: 12 },
          ],
          layers: [
            { id: "primary", name: "Primary" },
            { id: "secondary", name: "Secondary" },
          ],
          user_ids: ["ada", "grace", "linus"],
        }),
      ],
      "UTC",
      Date.parse("2025-06-02T00:00:00Z"),
      Date.parse("2025-06-03T13:00:00Z"),
    );
    expect(shown(shifts)).toEqual([
      ["ada", "primary", "2025-06-02T00:00:00.000Z", "2025-06-03T00:00:00.000Z"],
      ["grace", "secondary", "2025-06-02T00:00:00.000Z", "2025-06-03T00:00:00.000Z"],
      ["linus", "primary", "2025-06-03T00:00:00.000Z", "2025-06-03T12:00:00.000Z"],
      ["ada", "secondary", "2025-06-03T00:00:00.000Z", "2025-06-03T12:00:00.000Z"],
      ["grace", "primary", "2025-06-03T12:00:00.000Z", "2025-06-04T12:00:00.000Z"],
      ["linus", "secondary", "2025-06-03T12:00:00.000Z", "2025-06-04T12:00:00.000Z"],
    ]);
  });

  it("keeps only the parts of shifts inside working intervals, in the schedule's time zone", () => {
    const shifts = scheduledShifts(
      [
        rotation({
          handover_start_at: "2025-06-02T07:00:00Z",
          working_intervals: [
            { weekday: "monday", start_time: "09:00", end_time: "17:00" },
            { weekday: "friday", start_time: "22:00", end_time: "02:00" },
          ],
        }),
      ],
      "Europe/Berlin",
      Date.parse("2025-06-02T00:00:00Z"),
      Date.parse("2025-06-09T00:00:00Z"),
    );
    expect(shown(shifts)).toEqual([
      ["ada", "first", "2025-06-02T07:00:00.000Z", "2025-06-02T15:00:00.000Z"],
      ["ada", "first", "2025-06-06T20:00:00.000Z", "2025-06-07T00:00:00.000Z"],
    ]);
  });

  it("applies each version of a rotation from its effective_from, and skips ahead cheaply", () => {
    const versions = [
      rotation(),
      rotation({
        effective_from: "2025-04-09T12:00:00Z",
        handover_start_at: "2025-04-09T12:00:00Z",
        user_ids: ["margaret"],
      }),
    ];
    const shifts = scheduledShifts(
      versions,
      "UTC",
      Date.parse("2025-04-08T00:00:00Z"),
      Date.parse("2025-04-10T00:00:00Z"),
    );
    expect(shown(shifts)).toEqual([
      ["linus", "first", "2025-04-07T09:00:00.000Z", "2025-04-09T12:00:00.000Z"],
      ["margaret", "first", "2025-04-09T12:00:00.000Z", "2025-04-16T12:00:00.000Z"],
    ]);
    // Ten years of hourly handovers before the window cost no more than a few.
    const hourly = rotation({ handovers: [{ interval_type: "hourly", interval: 1 }] });
    const far = Date.parse("2035-03-24T09:30:00Z");
    const started = performance.now();
    const [shift] = scheduledShifts([hourly], "UTC", far, far + 1);
    expect(performance.now() - started).toBeLessThan(200);
    expect(shift && [new Date(shift.start).toISOString(), shift.userId]).toEqual([
      "2035-03-24T09:00:00.000Z",
      "ada",
    ]);
  });

  it("puts no one on call before the rotation starts, or when it has no users", () => {
    const from = Date.parse("2025-01-01T00:00:00Z");
    expect(scheduledShifts([rotation()], "UTC", from, from + 86_400_000)).toEqual([]);
    expect(
      scheduledShifts([rotation({ user_ids: [] })], "UTC", from, Date.parse("2026-01-01T00:00:00Z")),
    ).toEqual([]);
  });
});
