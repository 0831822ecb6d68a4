import { describe, expect, it } from "vitest";
import { formatByteSize, parseByteSize } from "./byte-size.js";

describe("parseByteSize", () => {
  it("counts KiB, MiB and GiB in 1024s and KB, MB and GB in 1000s, in any case", () => {
    expect(parseByteSize("512KiB")).toBe(524_288);
    expect(parseByteSize("10MiB")).toBe(10_485_760);
    expect(parseByteSize("1GiB")).toBe(1_073_741_824);
    expect(parseByteSize("10MB")).toBe(10_000_000);
    expect(parseByteSize("2kb")).toBe(2_000);
    expect(parseByteSize(" 1.5 MiB ")).toBe(1_572_864);
    expect(parseByteSize("300B")).toBe(300);
  });

  it("takes a plain number as bytes", () => {
    expect(parseByteSize(2048)).toBe(2048);
    expect(parseByteSize("2048")).toBe(2048);
  });

  it("refuses zero, negatives, fractions of a byte, unknown units and words", () => {
    for (const value of [0, -1, 1.5, "0MiB", "-5MiB", "1.5", "0.1B", "10 megabytes", "10TiB", "lots", ""]) {
      expect(parseByteSize(value)).toBeUndefined();
    }
  });
});

describe("formatByteSize", () => {
  it("writes a size in the largest binary unit that divides it, else in bytes", () => {
    expect(formatByteSize(10_485_760)).toBe("10MiB");
    expect(formatByteSize(1_073_741_824)).toBe("1GiB");
    expect(formatByteSize(524_288)).toBe("512KiB");
    expect(formatByteSize(10_000_000)).toBe("10000000 bytes");
  });
});
