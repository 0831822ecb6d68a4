import { performance } from "node:perf_hooks";
import vm from "node:vm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { matches } from "./match.js";
import { compilePattern } from "./pattern.js";
import { alert } from "./testing.js";
import type { RuleMatch } from "./types.js";

/** The hub truncates label values longer than this, so no label a rule sees is longer. */
const LABEL_CAP = 4096;
/**
 * Per alert, generous: RE2 needs well under a millisecond for a 4 KiB label, while a backtracking engine takes
 * seconds on 25 characters of the patterns below, so this separates the two on any machine.
 */
const BUDGET_MS = 20;
/** The rule from the report that froze the hub: each extra character doubled a RegExp's time. */
const PATHOLOGICAL = "^([a-z0-9]+-?)+$";

function ruleMatching(labelsMatch: Record<string, string>): RuleMatch {
  return {
    labels: {},
    labelsMatch: Object.entries(labelsMatch).map(([label, source]) => ({
      label,
      pattern: compilePattern(source),
    })),
  };
}

/**
 * The best of three timings: a backtracking blow-up is slow every time, while a pause from the garbage collector
 * or from other work on a shared machine is not, and should not fail the test.
 */
function millisecondsFor(run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3 && best > BUDGET_MS; attempt++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** A label that almost matches the pathological pattern and fails at its last character: RegExp's worst case. */
const almost = (length: number) => `${"a".repeat(length - 1)}!`;

beforeAll(() => {
  // The first call pays for loading and optimising the engine itself, which no alert after it does.
  compilePattern(PATHOLOGICAL).test(almost(LABEL_CAP));
});

describe("labels_match: the pattern that froze the hub", () => {
  it.each([31, LABEL_CAP])(`decides ${PATHOLOGICAL} on a %i-character label within the budget`, (length) => {
    const rule = ruleMatching({ service: PATHOLOGICAL });
    const failing = alert({ labels: { service: almost(length) } });
    const passing = alert({ labels: { service: "a".repeat(length) } });
    let results: boolean[] = [];
    const elapsed = millisecondsFor(() => {
      results = [matches(rule, failing), matches(rule, passing)];
    });
    expect(results).toEqual([false, true]);
    expect(elapsed).toBeLessThan(BUDGET_MS);
  });
});

// Patterns valid in RE2 and in a JavaScript RegExp with the `u` flag (which, like RE2, reads code points).
const literal = fc.constantFrom("a", "b", "z", "A", "k", "0", "9", "-", "_", "é", "\\.", "/", " ");
const characterClass = fc.constantFrom("[a-z0-9]", "[^a-z]", "[a-z0-9-]", "[A-Z]", "\\d", "\\w", "\\W", ".");
const quantifier = fc.constantFrom("", "", "*", "+", "?", "{2}", "{1,3}", "{0,2}", "*?", "+?");
/** Random patterns: groups nested at most `maxDepth` deep, at most `width` pieces in a row. */
function patternOf(maxDepth: number, width: number): fc.Arbitrary<string> {
  return fc.letrec<{ pattern: string; alternation: string; sequence: string; piece: string }>((tie) => ({
    pattern: fc
      .tuple(fc.constantFrom("", "^"), tie("alternation"), fc.constantFrom("", "$"))
      .map((parts) => parts.join("")),
    alternation: fc
      .array(tie("sequence"), { minLength: 1, maxLength: width - 1 })
      .map((options) => options.join("|")),
    sequence: fc.array(tie("piece"), { minLength: 1, maxLength: width }).map((pieces) => pieces.join("")),
    piece: fc
      .tuple(
        fc.oneof(
          { maxDepth, depthSize: "small", withCrossShrink: true },
          literal,
          characterClass,
          tie("alternation").map((inner) => `(${inner})`),
          tie("alternation").map((inner) => `(?:${inner})`),
        ),
        quantifier,
      )
      .map(([atom, repeat]) => atom + repeat),
  })).pattern;
}
/** Shapes that make a backtracking engine explode on a near-miss, among the random ones. */
const nested = fc.constantFrom(
  PATHOLOGICAL,
  "([a-z0-9]+-?)+$",
  "(a+)+$",
  "(a+)+b",
  "(a|aa)+$",
  "(a|a?)+$",
  "(a*)*b",
  "^(\\w+\\s?)+$",
  "(.*a){12}$",
  "^(([a-z])+.)+[A-Z]([a-z])+$",
  "(x+x+)+y",
);
const anyPattern = fc.oneof(patternOf(3, 4), nested);
const caseInsensitive = fc.boolean();

const unit = fc.constantFrom("a", "b", "z", "A", "k", "0", "-", "_", ".", "é", " ", "\n", "😀");
/** Label values up to the cap: random text, and long runs of a short unit that break at the end. */
const value = fc.oneof(
  fc.string({ unit, maxLength: 64 }),
  fc.string({ unit, maxLength: LABEL_CAP }),
  fc
    .tuple(fc.string({ unit, minLength: 1, maxLength: 4 }), fc.constantFrom("", "!", "-", "A", "\n", "😀"))
    .map(
      ([run, tail]) => run.repeat(Math.ceil(LABEL_CAP / run.length)).slice(0, LABEL_CAP - tail.length) + tail,
    ),
);
const LABELS = ["service", "env", "team", "instance"];
const labelSet = fc.dictionary(fc.constantFrom(...LABELS), value, { maxKeys: LABELS.length });
const patterns = fc.dictionary(
  fc.constantFrom(...LABELS),
  fc.tuple(anyPattern, caseInsensitive).map(([source, ci]) => (ci ? `(?i)${source}` : source)),
  { minKeys: 1, maxKeys: 3 },
);

describe("labels_match, for any labels and patterns", () => {
  it(`decides each alert within ${BUDGET_MS} ms, labels up to ${LABEL_CAP} characters`, () => {
    fc.assert(
      fc.property(patterns, labelSet, (labelsMatch, labels) => {
        const rule = ruleMatching(labelsMatch);
        const event = alert({ labels });
        expect(millisecondsFor(() => matches(rule, event))).toBeLessThan(BUDGET_MS);
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with a JavaScript RegExp on case, newlines, anchors and Unicode where both are fast", () => {
    const comparable = fc.oneof(patternOf(2, 3), nested);
    fc.assert(
      fc.property(comparable, caseInsensitive, fc.string({ unit, maxLength: 12 }), (source, ci, text) => {
        const expected = regExpTest(source, ci ? "iu" : "u", text);
        fc.pre(expected !== undefined);
        const rule = ruleMatching({ service: ci ? `(?i)${source}` : source });
        expect(matches(rule, alert({ labels: { service: text } }))).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

/**
 * What a RegExp answers, or undefined when it backtracks past a few milliseconds even on these short values (a
 * few random patterns do): a script's timeout is the one way to interrupt a RegExp. Any other error propagates.
 */
const realm = vm.createContext({ source: "", flags: "", text: "" });
const regExpScript = new vm.Script("new RegExp(source, flags).test(text)");
function regExpTest(source: string, flags: string, text: string): boolean | undefined {
  Object.assign(realm, { source, flags, text });
  try {
    return regExpScript.runInContext(realm, { timeout: 20 }) === true;
  } catch (error) {
    if ((error as { code?: unknown }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") return undefined;
    throw error;
  }
}
