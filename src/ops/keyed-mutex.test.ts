import { describe, expect, it } from "vitest";
import { KeyedMutex } from "./keyed-mutex.js";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("KeyedMutex", () => {
  it("runs one holder per key at a time, in arrival order, and other keys freely", async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    let active = 0;
    let most = 0;
    const work = (name: string) => async () => {
      active++;
      most = Math.max(most, active);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      active--;
      return name;
    };
    const results = await Promise.all([
      mutex.run("a", work("a1")),
      mutex.run("a", work("a2")),
      mutex.run("b", work("b1")),
    ]);
    expect(results).toEqual(["a1", "a2", "b1"]);
    expect(log.indexOf("end a1")).toBeLessThan(log.indexOf("start a2"));
    expect(log.indexOf("start b1")).toBeLessThan(log.indexOf("end a1"));
    expect(most).toBe(2);
    expect(mutex.busyKeys).toBe(0);
  });

  it("lets the next holder in after a failure", async () => {
    const mutex = new KeyedMutex();
    const failed = mutex.run("a", async () => {
      throw new Error("boom");
    });
    const next = mutex.run("a", async () => "ran");
    await expect(failed).rejects.toThrow("boom");
    await expect(next).resolves.toBe("ran");
    expect(mutex.busyKeys).toBe(0);
  });
});
