import { describe, expect, it } from "vitest";
import { palette } from "./colour.js";
import { renderTable } from "./table.js";

describe("renderTable", () => {
  it("lines columns up under their headers, two spaces apart, with no trailing spaces", () => {
    const text = renderTable(
      ["REF", "SEVERITY", "NAME"],
      [
        ["INC-1", "Critical", "Checkout down"],
        ["INC-12", "Minor", "Slow search"],
      ],
    );
    expect(text.split("\n")).toEqual([
      "REF     SEVERITY  NAME",
      "INC-1   Critical  Checkout down",
      "INC-12  Minor     Slow search",
    ]);
  });

  it("does not count colour codes as width, so coloured and plain rows line up the same", () => {
    const { red } = palette(true);
    const coloured = renderTable(
      ["STATUS", "NAME"],
      [
        [red("Fixing"), "a"],
        ["Closed", "b"],
      ],
    );
    const [, first, second] = coloured.split("\n");
    expect(first).toContain(red("Fixing"));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping the colour codes to compare columns
    const plain = (line = "") => line.replace(/\u001b\[[0-9;]*m/g, "");
    expect(plain(first).indexOf("a")).toBe(plain(second).indexOf("b"));
    expect(plain(first)).toBe("Fixing  a");
  });

  it("right-aligns the columns asked for, such as numbers", () => {
    const text = renderTable(
      ["RANK", "NAME"],
      [
        ["1", "Minor"],
        ["10", "Critical"],
      ],
      { alignRight: [0] },
    );
    expect(text.split("\n")).toEqual(["RANK  NAME", "   1  Minor", "  10  Critical"]);
  });

  it("keeps each row on one line and cuts cells longer than the maximum width", () => {
    const text = renderTable(["MESSAGE"], [["first line\nsecond\tline"], ["x".repeat(30)]], { maxWidth: 12 });
    expect(text.split("\n")).toEqual(["MESSAGE", "first line …", `${"x".repeat(11)}…`]);
  });

  it("keeps long cells whole when told not to cut, still one line each", () => {
    const reason = `resolve: alert resolved; closing INC-526 ${"and more ".repeat(10)}`.trim();
    const text = renderTable(["REASON"], [[reason], ["a\nb"]], { maxWidth: 12, cut: false });
    expect(text.split("\n")).toEqual(["REASON", reason, "a b"]);
  });

  it("styles the header when asked, and prints only the header for no rows", () => {
    const { bold } = palette(true);
    expect(renderTable(["A", "B"], [], { header: bold })).toBe(`${bold("A")}  ${bold("B")}`);
  });
});
