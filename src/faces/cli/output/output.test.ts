import { describe, expect, it } from "vitest";
import { createOutput } from "./output.js";

/** A stdout that is a terminal, or (without `isTTY`) a pipe. */
const stdout = (isTTY: boolean) => ({ isTTY, write: () => true });

const REASON = "resolve: alert resolved; closing INC-526 (the group's alerts have all resolved)";

describe("createOutput: tables", () => {
  it("cuts long cells with … on a terminal, so each row fits a line", () => {
    const out = createOutput({ stdout: stdout(true) });
    const [, row] = out.table(["REASON"], [[REASON]], { maxWidth: 40 }).split("\n");
    expect(row).toBe(`${REASON.slice(0, 39)}…`);
  });

  it("keeps every cell whole when piped, where a cut reason would be lost", () => {
    const out = createOutput({ stdout: stdout(false) });
    const [, row] = out.table(["REASON"], [[REASON]], { maxWidth: 40 }).split("\n");
    expect(row).toBe(REASON);
  });
});
