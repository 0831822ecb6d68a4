import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileRule } from "./compile.js";
import { ExpressionError } from "./errors.js";

const WORDS = [
  "count",
  "mttr",
  "median_ttr",
  "p95_ttr",
  "time_since",
  "incidents",
  "all",
  "last",
  "incident",
  "where",
  "within",
  "and",
  "or",
  "not",
  "is",
  "set",
  "in",
  "contains",
  "severity",
  "status",
  "type",
  "mode",
  "created",
  "resolved",
  "field",
  "entity",
  ".",
  "owner",
  "tags",
  "annotations",
  "has_mapping",
  "live",
  "Major",
  "(",
  ")",
  ",",
  "[",
  "]",
  "<",
  "<=",
  "=",
  "!=",
  ">=",
  ">",
  '"Major"',
  "'x'",
  "2",
  "90d",
  "4h",
  "0.5",
  "#",
  '"',
  "\\",
];

function outcome(source: string): "ok" | "refused" {
  try {
    compileRule(source);
    return "ok";
  } catch (error) {
    if (error instanceof ExpressionError) {
      expect(error.offset).toBeGreaterThanOrEqual(0);
      expect(error.offset).toBeLessThanOrEqual(source.length);
      return "refused";
    }
    throw error;
  }
}

describe("compileRule: any input", () => {
  it("either compiles or throws an ExpressionError at a place inside the text (random strings)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (source) => void outcome(source)),
      { numRuns: 2000 },
    );
  });

  it("either compiles or throws an ExpressionError (sequences of the language's own words)", () => {
    const sentence = fc.array(fc.constantFrom(...WORDS), { maxLength: 16 }).map((words) => words.join(" "));
    fc.assert(
      fc.property(sentence, (source) => void outcome(source)),
      { numRuns: 3000 },
    );
  });

  it("refuses very deep nesting with an ExpressionError, not a stack overflow", () => {
    expect(outcome(`${"(".repeat(5000)}has_mapping${")".repeat(5000)}`)).toBe("refused");
    expect(outcome(`${"not ".repeat(5000)}has_mapping`)).toBe("refused");
    expect(outcome(Array(20_000).fill("has_mapping").join(" and "))).toBe("refused");
  });

  it("compiles a valid rule after any single word of it is removed, or refuses it cleanly", () => {
    const valid = 'count(incidents where severity >= "Major" and created within 90d) <= 2 and owner is set';
    const words = valid.split(" ");
    for (let i = 0; i < words.length; i++) outcome(words.filter((_, j) => j !== i).join(" "));
    expect(outcome(valid)).toBe("ok");
  });
});
