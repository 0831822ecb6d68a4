/**
 * Scorecard evaluation: 1,000 entities, 50,000 incidents (generated from a fixed seed, grouped by entity) and one
 * scorecard of 10 rules over three levels, evaluated in this process; the median of 5 runs after a warm-up.
 */
import type { MirroredIncident } from "../src/mirror/incident.js";
import { evaluateScorecards, loadScorecard, type ScoringSubject } from "../src/scorecards/index.js";

const ENTITIES = 1_000;
const INCIDENTS = 50_000;
const RUNS = 5;
const NOW = Date.parse("2026-11-23T12:00:00Z");
const DAY = 86_400_000;
const SEVERITIES = [
  { name: "Minor", rank: 1 },
  { name: "Major", rank: 2 },
  { name: "Critical", rank: 3 },
];
const IMPACT = ["None", "Some", "Widespread"];

const SCORECARD = `
name: Reliability (bench)
filter: { kinds: [Component] }
levels:
  - name: Bronze
    rules:
      - { name: Mapped, expression: has_mapping }
      - { name: Owned, expression: owner is set }
      - name: No stale critical
        expression: count(incidents where severity >= "Critical" and resolved is not set and not created within 7d) = 0
  - name: Silver
    rules:
      - name: Few majors
        expression: count(incidents where severity >= "Major" and created within 90d) <= 2
      - { name: Quick, expression: mttr(incidents within 90d) <= 24h }
      - { name: Little open, expression: count(incidents where status = live) <= 1 }
      - name: Rarely widespread
        expression: count(incidents where field("Customer impact") = "Widespread" within 90d) <= 1
  - name: Gold
    rules:
      - name: Quiet month
        expression: time_since(last incident where severity >= "Major") >= 30d
      - { name: Consistent, expression: p95_ttr(incidents within 180d) <= 48h }
      - name: Majors fixed fast
        expression: median_ttr(incidents where severity >= Major within 365d) <= 8h
`;

export interface ScorecardBench {
  entities: number;
  incidents: number;
  rules: number;
  medianMs: number;
  runsMs: number[];
  /** Entities per level reached (and "none"), as a check that the rules did real work. */
  levels: Record<string, number>;
}

export function benchScorecards(): ScorecardBench {
  const scorecard = loadScorecard(SCORECARD, "bench.yaml");
  const subjects = generate();
  const input = { subjects, severities: SEVERITIES, now: NOW };
  evaluateScorecards([scorecard], input);
  const runsMs: number[] = [];
  let levels: Record<string, number> = {};
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const [result] = evaluateScorecards([scorecard], input);
    runsMs.push(performance.now() - started);
    levels = {};
    for (const entity of result?.entities ?? []) {
      const level = entity.level ?? "none";
      levels[level] = (levels[level] ?? 0) + 1;
    }
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return {
    entities: ENTITIES,
    incidents: INCIDENTS,
    rules: scorecard.levels.reduce((n, level) => n + level.rules.length, 0),
    medianMs: sorted[Math.floor(RUNS / 2)] as number,
    runsMs,
    levels,
  };
}

/** A deterministic organisation: skewed incident counts per entity, a year of history, most resolved. */
function generate(): ScoringSubject[] {
  const random = mulberry32(20261123);
  const grouped: MirroredIncident[][] = Array.from({ length: ENTITIES }, () => []);
  const subjects: ScoringSubject[] = grouped.map((incidents, i) => ({
    entity: {
      ref: `component:default/service-${i}`,
      name: `service-${i}`,
      kind: "Component",
      type: "service",
      owner: i % 17 === 0 ? null : `team-${i % 40}`,
      tags: i % 3 === 0 ? ["tier-1"] : [],
    },
    incidents,
    hasMapping: i % 23 !== 0,
  }));
  for (let n = 0; n < INCIDENTS; n++) {
    const owner = Math.floor(random() ** 2 * ENTITIES);
    const severity = SEVERITIES[random() < 0.6 ? 0 : random() < 0.8 ? 1 : 2] as (typeof SEVERITIES)[number];
    const created = NOW - Math.floor(random() * 365 * DAY);
    const open = NOW - created < 3 * DAY && random() < 0.5;
    const resolvedAt = open
      ? null
      : new Date(created + Math.floor(random() * random() * 72 * 3_600_000)).toISOString();
    const status = open
      ? { id: "st-fixing", name: "Fixing", category: "live" }
      : { id: "st-closed", name: "Closed", category: "closed" };
    (grouped[owner] as MirroredIncident[]).push({
      id: `inc-${n}`,
      account: "default",
      reference: `INC-${n + 1}`,
      name: `Incident ${n + 1}`,
      summary: null,
      severity: { id: `sev-${severity.name}`, ...severity },
      status,
      type: null,
      mode: random() < 0.03 ? "test" : "standard",
      visibility: "public",
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(created).toISOString(),
      resolvedAt,
      permalink: null,
      customFields: [
        {
          fieldId: "impact",
          fieldName: "Customer impact",
          values: [{ label: IMPACT[Math.floor(random() * 3)] as string }],
        },
      ],
    });
  }
  return subjects;
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
