import { describe, expect, it } from "vitest";
import { progressBar } from "./sync.js";

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

describe("the sync progress bar", () => {
  it("redraws one line with \\r on a terminal and ends it when done", () => {
    const tty = stream(true);
    const bar = progressBar("prod", tty);
    bar.update({ fetched: 250, total: 1000 });
    bar.update({ fetched: 1000, total: 1000 });
    bar.done();
    expect(tty.written).toEqual([
      `\rBackfilling prod: [${"#".repeat(8)}${".".repeat(22)}] 250/1000 incidents`,
      `\rBackfilling prod: [${"#".repeat(30)}] 1000/1000 incidents`,
      "\n",
    ]);
    const unknownTotal = stream(true);
    progressBar("prod", unknownTotal).update({ fetched: 250 });
    expect(unknownTotal.written).toEqual(["\rBackfilling prod: 250 incidents"]);
  });

  it("writes nothing when stderr is not a terminal", () => {
    const piped = stream(false);
    const bar = progressBar("prod", piped);
    bar.update({ fetched: 250, total: 1000 });
    bar.done();
    expect(piped.written).toEqual([]);
  });
});
