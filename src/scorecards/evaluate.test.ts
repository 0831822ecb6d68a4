import { describe, expect, it } from "vitest";
import type { MirroredIncident } from "../mirror/incident.js";
import type { ScoredEntity, ScoringSubject } from "./entity.js";
import { evaluateScorecards } from "./evaluate.js";
import { loadScorecard } from "./load.js";
import { ENTITY, incident, NOW, SEVERITIES } from "./testing.js";

const SCORECARD = loadScorecard(
  [
    "name: Reliability",
    "filter:",
    "  kinds: [component]",
    '  expression: lifecycle != "experimental"',
    "levels:",
    "  - name: Bronze",
    "    rules:",
    "      - name: Mapped",
    "        expression: has_mapping",
    "        hint: Name the service in Affected services.",
    "      - { name: Owned, expression: owner is set }",
    "  - name: Silver",
    "    rules:",
    "      - name: Few majors",
    '        expression: count(incidents where severity >= "Major" and created within 90d) <= 2',
    "        weight: 3",
    "  - name: Gold",
    "    rules:",
    "      - { name: Quiet, expression: time_since(last incident) >= 30d }",
    "",
  ].join("\n"),
  "reliability.yaml",
);

const majors = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    incident({ severity: "Major", daysAgo: 40 + i, resolvedAfterHours: 1 }),
  );

function subject(
  name: string,
  incidents: MirroredIncident[],
  entity: Partial<ScoredEntity> = {},
  hasMapping = true,
): ScoringSubject {
  return { entity: { ...ENTITY, ref: `component:default/${name}`, name, ...entity }, incidents, hasMapping };
}

function score(subjects: ScoringSubject[]) {
  const [result] = evaluateScorecards([SCORECARD], { subjects, severities: SEVERITIES, now: new Date(NOW) });
  if (!result) throw new Error("no result");
  return result;
}

describe("evaluateScorecards: levels", () => {
  it("gives each entity the highest level whose rules and all lower levels' rules pass", () => {
    const result = score([
      subject("gold", majors(1)),
      subject("silver", [...majors(2), incident({ daysAgo: 3 })]),
      subject("bronze", majors(3)),
      subject("none", [], {}, false),
      subject("gap", majors(3).concat(), { owner: null }),
    ]);
    expect(result.levels).toEqual(["Bronze", "Silver", "Gold"]);
    expect(result.entities.map((e) => [e.entity.split("/")[1], e.level, e.levelIndex])).toEqual([
      ["gold", "Gold", 2],
      ["silver", "Silver", 1],
      ["bronze", "Bronze", 0],
      ["none", null, -1],
      ["gap", null, -1],
    ]);
  });

  it("does not give a higher level when a lower one fails, even if the higher level's rules pass", () => {
    const [entity] = score([subject("unowned", [], { owner: null })]).entities;
    expect(entity?.level).toBeNull();
    expect(entity?.rules.filter((r) => r.passed).map((r) => r.rule)).toEqual([
      "Mapped",
      "Few majors",
      "Quiet",
    ]);
    expect(entity?.nextLevel).toEqual({
      name: "Bronze",
      failing: [
        {
          level: "Bronze",
          rule: "Owned",
          description: "",
          outcome: "fail",
          passed: false,
          explanation: "owner is not set",
          hint: null,
          weight: 1,
        },
      ],
    });
  });

  it("lists the next level's failing rules with their figures and hints, and a weighted score", () => {
    const [entity] = score([subject("bronze", majors(3))]).entities;
    expect(entity?.nextLevel?.name).toBe("Silver");
    expect(entity?.nextLevel?.failing.map((r) => r.explanation)).toEqual([
      "3 incidents of severity >= Major in the past 90 days; at most 2 allowed",
    ]);
    expect(entity?.score).toBeCloseTo(3 / 6);
    const [unmapped] = score([subject("unmapped", [], {}, false)]).entities;
    expect(unmapped?.nextLevel?.failing[0]?.hint).toBe("Name the service in Affected services.");
  });

  it("has no next level at the top", () => {
    expect(score([subject("gold", [])]).entities[0]?.nextLevel).toBeNull();
  });
});

describe("evaluateScorecards: which entities", () => {
  it("scores only the entities the filter selects, kinds ignoring case", () => {
    const result = score([
      subject("service", []),
      subject("group", [], { kind: "Group" }),
      subject("experiment", [], { lifecycle: "experimental" }),
    ]);
    expect(result.entities.map((e) => e.entity)).toEqual(["component:default/service"]);
  });
});

describe("evaluateScorecards: problems", () => {
  it("fails a rule naming an unknown severity, with its place in the file and the known severities", () => {
    const scorecard = loadScorecard(
      'name: R\nlevels:\n  - name: L\n    rules:\n      - name: a\n        expression: count(incidents where severity >= "Sev1") = 0\n',
      "r.yaml",
    );
    const [result] = evaluateScorecards([scorecard], {
      subjects: [subject("a", [])],
      severities: SEVERITIES,
      now: NOW,
    });
    const message =
      'r.yaml:6:55: levels[0].rules[0].expression: unknown severity "Sev1"; the organisation\'s severities are Minor, Major, Critical';
    expect(result?.problems).toEqual([message]);
    expect(result?.entities[0]?.rules[0]).toMatchObject({
      outcome: "error",
      passed: false,
      explanation: message,
    });
    expect(result?.entities[0]?.level).toBeNull();
  });
});
