import { describe, expect, it } from "vitest";
import { colourWanted, palette, visibleLength } from "./colour.js";

describe("colour", () => {
  it("is on only for a terminal without NO_COLOR", () => {
    expect(colourWanted({ isTTY: true }, {})).toBe(true);
    expect(colourWanted({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(colourWanted({ isTTY: false }, {})).toBe(false);
    expect(colourWanted({}, {})).toBe(false);
  });

  it("leaves text untouched when off, and wraps it in codes that take no room when on", () => {
    expect(palette(false).red("Fixing")).toBe("Fixing");
    const red = palette(true).red("Fixing");
    expect(red).not.toBe("Fixing");
    expect(visibleLength(red)).toBe(6);
  });
});
