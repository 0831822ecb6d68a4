import { describe, expect, it } from "vitest";
import { Activity } from "./activity.js";

describe("Activity", () => {
  it("is busy while any work is under way, and wakes those waiting when the last ends", async () => {
    const activity = new Activity();
    expect(activity.busy).toBe(false);
    const first = activity.begin();
    const second = activity.begin();
    let woken = false;
    const waiting = activity.quiet(10_000).then(() => {
      woken = true;
    });
    first();
    first(); // ending twice counts once
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect([activity.busy, woken]).toEqual([true, false]);
    second();
    await waiting;
    expect([activity.busy, woken]).toEqual([false, true]);
  });

  it("gives up waiting after its longest wait", async () => {
    const activity = new Activity();
    activity.begin();
    const started = performance.now();
    await activity.quiet(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
    expect(activity.busy).toBe(true);
  });
});
