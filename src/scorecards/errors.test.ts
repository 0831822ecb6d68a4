import { describe, expect, it } from "vitest";
import { compileRule } from "./compile.js";
import { ExpressionError } from "./errors.js";
import { check, exactly } from "./testing.js";

function errorOf(expression: string): { at: number; message: string } {
  try {
    compileRule(expression);
  } catch (error) {
    if (error instanceof ExpressionError) return { at: error.offset, message: error.message };
    throw error;
  }
  throw new Error(`expected ${expression} to be refused`);
}

type Row = [expression: string, at: number, message: string | RegExp];

const ROWS: Row[] = [
  [
    "count(incidents where created within 90) <= 2",
    37,
    'expected a duration after "within" (like 90d), found "90"',
  ],
  ["count(incidents) <= 4h", 17, "cannot compare a number (count(incidents)) with a duration (4h)"],
  ["mttr(incidents) <= 2", 16, "cannot compare a duration (mttr(incidents)) with a number (2)"],
  [
    "count(incidents where severity >= 2) = 0",
    34,
    'expected a severity name in quotes, like severity >= "Major"',
  ],
  ["count(incidents) <= 2 and", 25, 'expected a value, a name or "(", found the end of the expression'],
  ["count(incidents <= 2", 20, 'expected "," or ")", found the end of the expression'],
  ["has_mapping)", 11, 'this ")" has no "(" to close'],
  ["owner is", 8, 'expected "set" or "not set" after "is", found the end of the expression'],
  ['owner = "team', 8, 'this string is not closed: add a " at its end'],
  ["count(incidents within 90days) = 0", 23, /^"90days" is neither a number nor a duration/],
  ["count(incidents) = 0 ; 1", 21, 'unexpected character ";"'],
  ["owner", 0, /^a rule must be true or false, but this is a text; test it, like owner is set/],
  ["count(incidents)", 0, /^a rule must be true or false, but this is a number/],
  ["severity >= Major", 0, /^"severity" is a field of an incident: test it inside a set/],
  ["count(incidents where owner is set) = 0", 22, /^"owner" is a field of the entity, not of an incident/],
  ['count(incidents where entity.owner = "x") = 0', 22, /^entity fields cannot be used inside where/],
  [
    "count(incidents where colour = red) = 0",
    22,
    /^unknown incident field "colour"; known: severity, status/,
  ],
  [
    "count(incidents where mode = test) = 0",
    29,
    /^"incidents" leaves out test and tutorial incidents.*write "all incidents where …"/,
  ],
  [
    "count(incidents where created > 90d) = 0",
    30,
    "created is a time: write created within 90d, or created is set",
  ],
  ['colour = "red"', 0, /^unknown name "colour"; the entity's fields are name, title, kind/],
  ["avg(incidents) < 2", 0, 'unknown function "avg"; known: count, mttr, median_ttr, p95_ttr, time_since'],
  ["count(3) = 0", 6, "count(…) takes a set of incidents, like count(incidents where …)"],
  ["mttr(last incident) < 4h", 5, 'mttr(…) takes incidents, not "last incident": mttr(incidents …)'],
  ["incidents > 2", 0, /^a set of incidents is not a value: count or measure it/],
  ['owner >= "a"', 6, "a text can only be compared with = or !="],
  [
    "has_mapping and count(incidents)",
    16,
    /^expected true or false here, but "count\(incidents\)" is a number/,
  ],
  ["tags contains 3", 14, 'expected a quoted value here, like "tier-1"'],
  ["annotations is set", 0, 'name the annotation: annotations["key"]'],
  ['owner["x"] is set', 0, '"[ ]" applies to annotations only, like annotations["team"]'],
  ['count(incidents where severity contains "M") = 0', 31, /^"contains" applies to name and field/],
  ["count(incidents where created is not set) = 0", 22, "an incident's created is always set"],
  ["count(incidents within 2d within 3d) = 0", 26, 'this set already has a "within"'],
];

describe("rule expressions: errors name the place and what is wrong", () => {
  it.each(ROWS)("%s", (expression, at, message) => {
    const error = errorOf(expression);
    expect(error.message).toMatch(typeof message === "string" ? exactly(message) : message);
    expect(error.at).toBe(at);
  });

  it("reports an unknown severity when the rule meets the organisation, naming the known ones", () => {
    expect(() => check('count(incidents where severity >= "Huge") = 0')).toThrow(
      'unknown severity "Huge"; the organisation\'s severities are Minor, Major, Critical',
    );
  });
});
