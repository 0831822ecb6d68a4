import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  ACCOUNT_ANNOTATION,
  FIELD_VALUE_ANNOTATION,
  OPSGENIE_TEAM_ANNOTATION,
  PAGERDUTY_SERVICE_ANNOTATION,
  PROJECT_SLUG_ANNOTATION,
  SOURCE_LOCATION_ANNOTATION,
  TECHDOCS_REF_ANNOTATION,
} from "../catalog/annotations.js";
import { ScorecardError } from "./errors.js";
import { loadScorecard, loadScorecards } from "./load.js";

const EXAMPLE = new URL("../../examples/scorecards/", import.meta.url).pathname;

function errorOf(yaml: string): ScorecardError {
  try {
    loadScorecard(yaml, "scorecards/reliability.yaml");
  } catch (error) {
    if (error instanceof ScorecardError) return error;
    throw error;
  }
  throw new Error("expected the scorecard to be refused");
}

/** A scorecard whose second Bronze rule has `expression` written as given (after "expression:"). */
const withExpression = (expression: string) =>
  [
    "name: Reliability",
    "levels:",
    "  - name: Bronze",
    "    rules:",
    "      - name: Mapped",
    "        expression: has_mapping",
    "      - name: Few majors",
    `        expression: ${expression}`,
    "",
  ].join("\n");

describe("loadScorecard: the example", () => {
  it("loads Bronze, Silver and Gold with their rules", () => {
    const [scorecard] = loadScorecards(EXAMPLE);
    expect(scorecard?.name).toBe("Reliability");
    expect(scorecard?.filter.kinds).toEqual(["Component"]);
    expect(scorecard?.levels.map((level) => [level.name, level.rules.length])).toEqual([
      ["Bronze", 4],
      ["Silver", 4],
      ["Gold", 2],
    ]);
    expect(scorecard?.levels[1]?.rules[0]?.expression.source).toBe(
      'time_since(last incident where severity >= "Critical") >= 90d',
    );
    expect(scorecard?.levels[1]?.rules[0]?.weight).toBe(2);
    expect(scorecard?.levels[1]?.rules[1]?.expression.source).toBe(
      'count(incidents where severity >= "Major" and created within 90d) <= 12',
    );
  });

  it("names in its hints and expressions only annotations incidentkit reads", () => {
    const known = [
      ACCOUNT_ANNOTATION,
      FIELD_VALUE_ANNOTATION,
      PROJECT_SLUG_ANNOTATION,
      SOURCE_LOCATION_ANNOTATION,
      TECHDOCS_REF_ANNOTATION,
      PAGERDUTY_SERVICE_ANNOTATION,
      OPSGENIE_TEAM_ANNOTATION,
    ];
    const rules = loadScorecards(EXAMPLE).flatMap((card) => card.levels.flatMap((level) => level.rules));
    const texts = rules.flatMap((rule) => [rule.hint ?? "", rule.description, rule.expression.source]);
    // An annotation is a domain, a slash and a name: `incidentkit.io/incident-field-value`.
    const named = texts.flatMap((text) => [...text.matchAll(/\b[a-z0-9-]+(?:\.[a-z0-9-]+)+\/[a-z0-9-]+/g)]);
    const annotations = [...new Set(named.map((match) => match[0]))];
    expect(annotations).toContain(FIELD_VALUE_ANNOTATION);
    expect(annotations.filter((name) => !known.includes(name))).toEqual([]);
  });
});

describe("loadScorecard: an error in an expression points at its character in the file", () => {
  it("in a plain scalar", () => {
    const error = errorOf(withExpression("count(incidents where created within 90) <= 2"));
    expect(error.message).toBe(
      'scorecards/reliability.yaml:8:58: levels[0].rules[1].expression: expected a duration after "within" (like 90d), found "90"',
    );
    expect([error.line, error.column]).toEqual([8, 58]);
  });

  it("in a double-quoted scalar with escapes", () => {
    const error = errorOf(withExpression('"count(incidents where severity >= \\"Major\\") <= 4h"'));
    expect(error.message).toBe(
      'scorecards/reliability.yaml:8:67: levels[0].rules[1].expression: cannot compare a number (count(incidents where severity >= "Major")) with a duration (4h)',
    );
  });

  it("in a quoted scalar that starts with spaces", () => {
    const error = errorOf(withExpression('"   owner is sett"'));
    expect(error.message).toMatch(/^scorecards\/reliability\.yaml:8:34: /);
  });

  it("in a single-quoted scalar", () => {
    const error = errorOf(withExpression("'owner = ''x'' and tags >= ''y'''"));
    expect(error.message).toMatch(
      /^scorecards\/reliability\.yaml:8:45: levels\[0\]\.rules\[1\]\.expression: a list can only/,
    );
  });

  it("in a folded block scalar, on its second line", () => {
    const error = errorOf(
      withExpression(
        ">-\n          count(incidents where severity >= Major)\n            <= 2 and owner is sett",
      ),
    );
    expect(error.message).toBe(
      'scorecards/reliability.yaml:10:31: levels[0].rules[1].expression: expected "set" or "not set" after "is", found "sett"',
    );
  });

  it("in the filter's expression", () => {
    const error = errorOf(
      [
        "name: Reliability",
        "filter:",
        "  expression: lifecycle = ",
        "levels:",
        "  - name: Bronze",
        "    rules:",
        "      - { name: a, expression: has_mapping }",
        "",
      ].join("\n"),
    );
    expect(error.message).toBe(
      'scorecards/reliability.yaml:3:26: filter.expression: expected a value, a name or "(", found the end of the expression',
    );
  });
});

describe("loadScorecard: errors in the file's shape", () => {
  it("refuses an unknown key at the key, listing the known ones", () => {
    const error = errorOf(withExpression("has_mapping\n        weigth: 2"));
    expect(error.message).toBe(
      "scorecards/reliability.yaml:9:9: levels[0].rules[1].weigth: unknown key (known keys: name, description, expression, weight, hint)",
    );
  });

  it("requires an expression", () => {
    const error = errorOf("name: R\nlevels:\n  - name: Bronze\n    rules:\n      - name: a\n");
    expect(error.message).toBe("scorecards/reliability.yaml:5:9: levels[0].rules[0].expression: required");
  });

  it("refuses a level without rules and a scorecard without levels", () => {
    expect(errorOf("name: R\nlevels:\n  - name: Bronze\n    rules: []\n").message).toBe(
      "scorecards/reliability.yaml:4:5: levels[0].rules: a level needs at least one rule",
    );
    expect(errorOf("name: R\nlevels: []\n").message).toBe(
      "scorecards/reliability.yaml:2:1: levels: a scorecard needs at least one level",
    );
  });

  it("refuses duplicate level and rule names", () => {
    const rule = "    rules: [{ name: a, expression: has_mapping }]";
    expect(errorOf(`name: R\nlevels:\n  - name: Bronze\n${rule}\n  - name: bronze\n${rule}\n`).message).toBe(
      'scorecards/reliability.yaml:5:5: levels[1].name: duplicate level name "bronze"',
    );
    expect(
      errorOf(withExpression("has_mapping\n      - name: mapped\n        expression: has_mapping")).message,
    ).toBe(
      'scorecards/reliability.yaml:9:9: levels[0].rules[2].name: duplicate rule name "mapped" in this level',
    );
  });

  it("reports YAML syntax errors with their place", () => {
    const error = errorOf("name: R\nlevels:\n  - name: [Bronze\n");
    expect(error.file).toBe("scorecards/reliability.yaml");
    expect(error.line).toBeGreaterThanOrEqual(3);
  });

  it("asks for quotes around an expression YAML reads as a number or true", () => {
    expect(errorOf(withExpression("true")).message).toBe(
      'scorecards/reliability.yaml:8:9: levels[0].rules[1].expression: expected a string; put the value in quotes: "true"',
    );
  });
});

describe("loadScorecards: a folder", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("reads its YAML files in name order and refuses a name used twice", () => {
    dir = mkdtempSync(join(tmpdir(), "incidentkit-scorecards-"));
    const card = (name: string) =>
      `name: ${name}\nlevels:\n  - name: L\n    rules: [{ name: a, expression: has_mapping }]\n`;
    writeFileSync(join(dir, "b.yaml"), card("Second"));
    writeFileSync(join(dir, "a.yml"), card("First"));
    writeFileSync(join(dir, "notes.txt"), "not a scorecard");
    expect(loadScorecards(dir).map((s) => s.name)).toEqual(["First", "Second"]);

    writeFileSync(join(dir, "c.yaml"), card("first"));
    expect(() => loadScorecards(dir as string)).toThrow(
      `${join(dir, "c.yaml")}:1:1: name: duplicate scorecard name "first" (already used in ${join(dir, "a.yml")})`,
    );
  });
});
