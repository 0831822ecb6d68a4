import { describe, expect, it } from "vitest";
import { ManualClock } from "../../shared/clock.js";
import { type RankOptions, rankSimilar } from "./rank.js";
import { SimilarIndex } from "./similar-index.js";
import { BASE_TIME, DAY, mirrored } from "./testing.js";

const QUERY = mirrored({
  id: "10",
  name: "Payments API failing: connection pool exhausted",
  summary: "payments-api ran out of database connections; requests timing out.",
  services: ["payments-api"],
  severity: "Major",
  impact: "Some",
});

function corpus(): SimilarIndex {
  const index = new SimilarIndex();
  index.upsert(QUERY);
  index.upsert(
    mirrored({
      id: "1",
      name: "payments-api connection pool exhausted",
      summary:
        "The DB connection pool saturated; timeouts on POST /payments.\n\nRaised the pool size and restarted pods.",
      services: ["payments-api"],
      severity: "Major",
      impact: "Some",
      day: -3,
      resolvedAfterHours: 2,
      rootCause: "A slow query held connections.",
    }),
  );
  index.upsert(
    mirrored({
      id: "2",
      name: "Payments timing out waiting for a pool connection",
      services: ["payments-api"],
      severity: "Critical",
      day: -40,
      status: { name: "Fixing", category: "live" },
      rootCause: "Suspected: the pool is too small.",
    }),
  );
  index.upsert(
    mirrored({
      id: "3",
      name: "Checkout latency after deploy",
      services: ["checkout-web"],
      impact: "Some",
      day: -1,
    }),
  );
  index.upsert(
    mirrored({
      id: "4",
      name: "Search connection errors",
      services: ["search"],
      severity: "Minor",
      day: -10,
    }),
  );
  index.upsert(
    mirrored({
      id: "5",
      name: "payments-api connection pool exhausted",
      services: ["payments-api"],
      mode: "test",
      day: -2,
    }),
  );
  return index;
}

const rank = (options: RankOptions = {}, index = corpus()) =>
  rankSimilar(index, { incident: "10" }, { similarityThreshold: 0, ...options }).results;

describe("rankSimilar", () => {
  it("ranks past incidents by the combined score, never the query itself or test incidents", () => {
    const results = rank();
    expect(results.map((r) => r.incident.id)).toEqual(["1", "2", "4"]);
    const scores = results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores.every((s) => s > 0 && s <= 1)).toBe(true);
  });

  it("never offers an incident that shares no term and no service, whatever its severity, impact or time", () => {
    expect(rank().map((r) => r.incident.id)).not.toContain("3");
  });

  it("includes test incidents when asked", () => {
    expect(rank({ includeTest: true }).map((r) => r.incident.id)).toContain("5");
  });

  it("explains the best match with every kind of reason, strongest first, adding up to the score", () => {
    const [best] = rank();
    const texts = best?.reasons.map((r) => r.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        "same service: Payments Api",
        "same severity: Major",
        "3 days earlier",
        "same Customer impact: Some",
      ]),
    );
    const terms = best?.reasons.find((r) => r.kind === "terms");
    expect(terms?.text).toMatch(/^shared terms: /);
    expect(terms?.kind === "terms" && terms.terms).toContain("connection pool exhausted");
    expect(best?.components.time).toBeCloseTo(0.5 ** (3 / 30), 10);
    expect(rank({ halfLifeDays: 3 })[0]?.components.time).toBeCloseTo(0.5, 10);
    const contributions = best?.reasons.map((r) => r.contribution) ?? [];
    expect([...contributions].sort((a, b) => b - a)).toEqual(contributions);
    expect(contributions.reduce((a, b) => a + b, 0)).toBeCloseTo(best?.score ?? 0, 10);
  });

  it("says nothing it cannot back: no severity reason for another severity, no service reason without one", () => {
    const search = rank().find((r) => r.incident.id === "4");
    expect(search?.reasons.map((r) => r.kind)).toEqual(expect.not.arrayContaining(["severity", "services"]));
    expect(search?.reasons.find((r) => r.kind === "terms")?.text).toBe("shared terms: connection");
    expect(search?.reasons.find((r) => r.kind === "time")?.text).toBe("10 days earlier");
  });

  it("carries the incident's identity and how it was resolved: its cause field once resolved, never its summary", () => {
    const best = rank()[0];
    expect(best?.incident).toEqual({
      id: "1",
      reference: "INC-1",
      name: "payments-api connection pool exhausted",
      severity: "Major",
      status: "Closed",
      statusCategory: "closed",
      created: new Date(BASE_TIME - 3 * DAY).toISOString(),
      resolved: new Date(BASE_TIME - 3 * DAY + 2 * 3_600_000).toISOString(),
      permalink: "https://app.incident.io/acme/incidents/1",
    });
    expect(best?.resolution).toEqual({
      status: "Closed",
      statusCategory: "closed",
      resolvedAt: new Date(BASE_TIME - 3 * DAY + 2 * 3_600_000).toISOString(),
      timeToResolveMs: 2 * 3_600_000,
      notes: [{ field: "Root cause", text: "A slow query held connections." }],
    });
    // Still open: its root cause field is a guess in progress, not how it was resolved.
    const open = rank().find((r) => r.incident.id === "2");
    expect(open?.resolution).toEqual({
      status: "Fixing",
      statusCategory: "live",
      resolvedAt: null,
      timeToResolveMs: null,
      notes: [],
    });
  });

  it("keeps a result whose score equals the threshold and drops it just above", () => {
    const score = rank()[0]?.score ?? 0;
    expect(rank({ similarityThreshold: score }).map((r) => r.incident.id)).toEqual(["1"]);
    expect(rank({ similarityThreshold: score + 1e-9 })).toEqual([]);
    expect(rank({ similarityThreshold: 1 })).toEqual([]);
  });

  it("refuses a threshold outside 0..1 and a limit below 1", () => {
    expect(() => rank({ similarityThreshold: 1.5 })).toThrow(
      expect.objectContaining({ code: "invalid_argument" }),
    );
    expect(() => rank({ similarityThreshold: -0.1 })).toThrow(
      expect.objectContaining({ code: "invalid_argument" }),
    );
    expect(() => rank({ limit: 0 })).toThrow(expect.objectContaining({ code: "invalid_argument" }));
    expect(() => rank({ halfLifeDays: 0 })).toThrow(expect.objectContaining({ code: "invalid_argument" }));
  });

  it("applies a duration time range back from the query incident, both ends included", () => {
    expect(rank({ timeRange: "3d" }).map((r) => r.incident.id)).toEqual(["1"]);
    expect(rank({ timeRange: "71h" }).map((r) => r.incident.id)).toEqual([]);
    expect(rank({ timeRange: "39d" }).map((r) => r.incident.id)).toEqual(["1", "4"]);
    expect(rank({ timeRange: "40d" }).map((r) => r.incident.id)).toEqual(["1", "2", "4"]);
  });

  it("applies an absolute time range, both ends included", () => {
    const p1 = BASE_TIME - 3 * DAY;
    expect(rank({ timeRange: { from: p1, to: p1 } }).map((r) => r.incident.id)).toEqual(["1"]);
    expect(rank({ timeRange: { from: new Date(BASE_TIME - 10 * DAY) } }).map((r) => r.incident.id)).toEqual([
      "1",
      "4",
    ]);
    expect(
      rank({ timeRange: { from: new Date(BASE_TIME - 10 * DAY + 1) } }).map((r) => r.incident.id),
    ).toEqual(["1"]);
    expect(rank({ timeRange: { to: new Date(p1 - 1).toISOString() } }).map((r) => r.incident.id)).toEqual([
      "2",
      "4",
    ]);
  });

  it("refuses a time range it cannot read", () => {
    expect(() => rank({ timeRange: "90 days" })).toThrow(
      expect.objectContaining({ code: "invalid_argument" }),
    );
    expect(() => rank({ timeRange: { from: "2026-02-01", to: "2026-01-01" } })).toThrow(
      expect.objectContaining({ code: "invalid_argument" }),
    );
  });

  it("returns at most `limit` results", () => {
    expect(rank({ limit: 2 }).map((r) => r.incident.id)).toEqual(["1", "2"]);
  });

  it("ranks for free text and services named by slug, measured from now", () => {
    const clock = new ManualClock(BASE_TIME);
    const results = rankSimilar(
      corpus(),
      { text: "connection pool exhausted", services: ["PAYMENTS-API"] },
      { similarityThreshold: 0, clock },
    ).results;
    expect(results.map((r) => r.incident.id).slice(0, 3)).toEqual(["1", "10", "2"]);
    expect(results[0]?.components.severity).toBeUndefined();
    expect(results[0]?.reasons.map((r) => r.text)).toContain("same service: Payments Api");
  });

  it("leaves out components the query has nothing for, so free text alone can still reach a high score", () => {
    const [hit] = rankSimilar(
      corpus(),
      { text: "Search connection errors", at: BASE_TIME - 10 * DAY },
      { similarityThreshold: 0 },
    ).results;
    expect(hit?.incident.id).toBe("4");
    expect(Object.keys(hit?.components ?? {}).sort()).toEqual(["text", "time"]);
    expect(hit?.score).toBeGreaterThan(0.9);
  });

  it("refuses an empty query and an unknown incident", () => {
    expect(() => rankSimilar(corpus(), {})).toThrow(expect.objectContaining({ code: "invalid_argument" }));
    expect(() => rankSimilar(corpus(), { incident: "nope" })).toThrow(
      expect.objectContaining({ code: "not_found" }),
    );
  });

  it("keeps to the query incident's account unless told another", () => {
    const index = corpus();
    index.upsert(
      mirrored({ id: "20", name: "payments-api connection pool exhausted", account: "staging", day: -1 }),
    );
    expect(rank({}, index).map((r) => r.incident.id)).not.toContain("20");
    expect(rank({ account: "prod" }, index).map((r) => r.incident.id)).not.toContain("20");
    expect(rank({ account: "staging" }, index).map((r) => r.incident.id)).toEqual(["20"]);
  });
});
