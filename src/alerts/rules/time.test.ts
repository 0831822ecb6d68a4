import { describe, expect, it } from "vitest";
import { isTimeZone } from "../../shared/time-zone.js";
import { localTime, startOfLocalDay, zonedInstant } from "./time-zone.js";
import { formatDays, parseClockTime, parseWeekday } from "./wall-clock.js";

describe("wall clock", () => {
  it("reads times of day and weekdays", () => {
    expect(["08:00", "23:59", "24:00", "8:00", "25:00", "12:60"].map((text) => parseClockTime(text))).toEqual(
      [480, 1439, undefined, undefined, undefined, undefined],
    );
    expect(parseClockTime("24:00", true)).toBe(1440);
    expect(["Mon", "sunday", "tues", "day"].map(parseWeekday)).toEqual(["mon", "sun", undefined, undefined]);
  });

  it("words day lists with runs", () => {
    expect(formatDays(["fri", "mon", "wed", "thu", "tue"])).toBe("mon–fri");
    expect(formatDays(["sat", "sun"])).toBe("sat, sun");
    expect(formatDays(["mon", "wed", "thu", "fri", "sun"])).toBe("mon, wed–fri, sun");
    expect(formatDays(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])).toBe("every day");
  });
});

describe("time zones", () => {
  it("knows IANA names and refuses others", () => {
    expect(["Europe/London", "UTC", "America/New_York"].every(isTimeZone)).toBe(true);
    expect(["Mars/Base", "", "Europe/Lundon"].some(isTimeZone)).toBe(false);
  });

  it("reads the local date, weekday and time across a DST change", () => {
    expect(localTime(new Date("2026-03-29T00:59:00Z"), "Europe/London")).toEqual({
      year: 2026,
      month: 3,
      day: 29,
      weekday: "sun",
      minuteOfDay: 59,
    });
    expect(localTime(new Date("2026-03-29T01:00:00Z"), "Europe/London").minuteOfDay).toBe(120);
    expect(localTime(new Date("2026-01-01T04:30:00Z"), "America/New_York")).toMatchObject({
      year: 2025,
      day: 31,
      weekday: "wed",
      minuteOfDay: 23 * 60 + 30,
    });
  });

  it("finds the instant of a local wall-clock time, and a local day's start", () => {
    const london = (date: string, minute: number) => {
      const [year, month, day] = date.split("-").map(Number);
      return zonedInstant({ year: year ?? 0, month: month ?? 0, day: day ?? 0 }, minute, "Europe/London");
    };
    expect(london("2026-07-01", 0).toISOString()).toBe("2026-06-30T23:00:00.000Z");
    expect(london("2026-03-29", 180).toISOString()).toBe("2026-03-29T02:00:00.000Z");
    expect(london("2026-10-25", 180).toISOString()).toBe("2026-10-25T03:00:00.000Z");
    expect(london("2026-03-29", 1440).toISOString()).toBe("2026-03-29T23:00:00.000Z");
    expect(startOfLocalDay(new Date("2026-10-25T22:00:00Z"), "Europe/London").toISOString()).toBe(
      "2026-10-24T23:00:00.000Z",
    );
    expect(startOfLocalDay(new Date("2026-03-08T12:00:00Z"), "America/New_York").toISOString()).toBe(
      "2026-03-08T05:00:00.000Z",
    );
  });
});
