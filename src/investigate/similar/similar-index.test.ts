import { describe, expect, it } from "vitest";
import { FINDINGS_TITLE } from "../findings-block.js";
import { TextIndex } from "./bm25.js";
import { rankSimilar } from "./rank.js";
import { SimilarIndex } from "./similar-index.js";
import { mirrored } from "./testing.js";

const ids = (index: SimilarIndex, text: string) =>
  rankSimilar(index, { text }, { similarityThreshold: 0 }).results.map((r) => r.incident.id);

describe("the similar-incidents index stays current with the mirror", () => {
  it("finds an incident by the new words after it is updated, and no longer by the old ones", () => {
    const index = new SimilarIndex();
    index.upsert(mirrored({ id: "1", name: "Checkout slow after deploy" }));
    index.upsert(mirrored({ id: "2", name: "Search index lagging" }));
    expect(ids(index, "kafka consumer")).toEqual([]);

    index.upsert(
      mirrored({ id: "1", name: "Kafka consumer stuck", summary: "Rebalance loop on the orders topic" }),
    );
    expect(ids(index, "kafka rebalance")).toEqual(["1"]);
    expect(ids(index, "checkout deploy")).toEqual([]);
    expect(index.size).toBe(2);
  });

  it("indexes what responders wrote, not the findings blocks incidentkit appended to the summary", () => {
    const index = new SimilarIndex();
    const summary = [
      "Checkout requests time out.",
      "",
      "Fixed by raising the pool size.",
      "",
      "---",
      `**${FINDINGS_TITLE}**`,
      "Probable cause: deploy to ledger 25 min before.",
    ].join("\n");
    index.upsert(mirrored({ id: "1", name: "Checkout slow", summary }));
    expect(ids(index, "checkout time out")).toEqual(["1"]);
    expect(ids(index, "ledger deploy")).toEqual([]);
    expect(ids(index, "probable cause")).toEqual([]);
  });

  it("keeps two organisations' incidents with the same ID apart", () => {
    const index = new SimilarIndex();
    index.upsert(mirrored({ id: "7", name: "Ledger mismatch", account: "prod" }));
    index.upsert(mirrored({ id: "7", name: "Ledger mismatch in staging", account: "staging" }));
    expect(index.size).toBe(2);
    expect(index.remove({ account: "prod", id: "7" })).toBe(true);
    const [left] = rankSimilar(index, { text: "ledger mismatch" }, { similarityThreshold: 0 }).results;
    expect(left?.incident.name).toBe("Ledger mismatch in staging");
  });

  it("forgets a removed incident: its words, its services and its slot", () => {
    const index = new SimilarIndex();
    index.upsert(mirrored({ id: "1", name: "Ledger mismatch", services: ["ledger"] }));
    index.upsert(mirrored({ id: "2", name: "Shipping labels failing", services: ["shipping"] }));
    expect(index.remove({ account: "prod", id: "1" })).toBe(true);
    expect(index.remove({ account: "prod", id: "1" })).toBe(false);
    expect(ids(index, "ledger mismatch")).toEqual([]);
    expect(rankSimilar(index, { services: ["ledger"] }, { similarityThreshold: 0 }).results).toEqual([]);
    expect(index.text.documentFrequency("ledger")).toBe(0);

    index.upsert(mirrored({ id: "3", name: "Ledger totals off" }));
    expect(ids(index, "ledger")).toEqual(["3"]);
    expect(index.text.capacity).toBe(2);
  });

  it("resolves a service by its label, slug or ID, in any case", () => {
    const index = new SimilarIndex();
    index.upsert(mirrored({ id: "1", name: "x", services: ["payments-api"] }));
    expect(index.resolveService("PAYMENTS-API").key).toBe("E-payments-api");
    expect(index.resolveService("payments api").key).toBe("E-payments-api");
    expect(index.resolveService("e-payments-api").key).toBe("E-payments-api");
    expect(index.resolveService("unknown-svc").key).toBe("label:unknown-svc");
  });
});

describe("BM25", () => {
  it("weighs rare terms above common ones, and the IDF follows the corpus as it changes", () => {
    const text = new TextIndex();
    text.upsert("a", { name: "api errors on payments" });
    text.upsert("b", { name: "api errors on search" });
    text.upsert("c", { name: "api latency" });
    expect(text.idf("payment")).toBeGreaterThan(text.idf("api"));
    const scores = text.scoreAll(["api", "payment"]);
    const slotA = [...scores.keys()].find((slot) => text.idOf(slot) === "a") as number;
    const slotC = [...scores.keys()].find((slot) => text.idOf(slot) === "c") as number;
    expect(scores.get(slotA)).toBeGreaterThan(scores.get(slotC) ?? 0);

    const before = text.idf("payment");
    text.upsert("d", { name: "payments retries" });
    expect(text.idf("payment")).toBeLessThan(before);
  });

  it("counts a word in the name more than the same word in the summary", () => {
    const text = new TextIndex();
    text.upsert("name", { name: "Redis eviction storm", summary: "cache keys dropped" });
    text.upsert("summary", { name: "Cache keys dropped", summary: "redis eviction storm" });
    const scores = text.scoreAll(["redis"]);
    const byId = new Map([...scores].map(([slot, score]) => [text.idOf(slot), score]));
    expect(byId.get("name")).toBeGreaterThan(byId.get("summary") ?? Infinity);
  });

  it("gives a copy of the query a normalised text score of 1", () => {
    const index = new SimilarIndex();
    index.upsert(
      mirrored({ id: "1", name: "Search index lagging", summary: "Indexer stuck on a poison message" }),
    );
    index.upsert(mirrored({ id: "2", name: "Other thing", summary: "unrelated" }));
    const [hit] = rankSimilar(
      index,
      { text: "Indexer stuck on a poison message", at: "2026-03-01T12:00:00Z" },
      { similarityThreshold: 0 },
    ).results;
    expect(hit?.components.text).toBeLessThan(1);
    const exact = rankSimilar(
      index,
      {
        incident: mirrored({
          id: "q",
          name: "Search index lagging",
          summary: "Indexer stuck on a poison message",
        }),
      },
      { similarityThreshold: 0 },
    ).results[0];
    expect(exact?.incident.id).toBe("1");
    expect(exact?.components.text).toBeCloseTo(1, 10);
  });
});
