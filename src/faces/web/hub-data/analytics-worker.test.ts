import { afterEach, describe, expect, it } from "vitest";
import { type AnalyticsData, type AnalyticsInput, analyticsModel } from "./analytics-page.js";
import { AnalyticsThread } from "./analytics-worker.js";

const NOW = Date.parse("2026-06-10T12:00:00Z");
const HOUR = 3_600_000;

function incident(daysAgo: number, hours: number, severity: "Minor" | "Critical", account = "prod") {
  const created = NOW - daysAgo * 24 * HOUR;
  return {
    account,
    createdAt: new Date(created).toISOString(),
    resolvedAt: new Date(created + hours * HOUR).toISOString(),
    severity: severity === "Minor" ? { name: "Minor", rank: 1 } : { name: "Critical", rank: 3 },
    mode: "standard",
    status: { category: "closed" },
  };
}

const DATA: AnalyticsData = {
  incidents: [incident(3, 2, "Critical"), incident(10, 5, "Minor"), incident(40, 1, "Critical", "staging")],
  byEntity: [
    ["component:default/payments-api", [0, 1]],
    ["component:default/checkout", [2]],
  ],
  entities: [
    { ref: "component:default/payments-api", name: "payments-api", owner: "group:default/payments" },
    { ref: "component:default/checkout", name: "checkout", owner: "group:default/shop" },
  ],
  severities: [
    { name: "Minor", rank: 1 },
    { name: "Critical", rank: 3 },
  ],
  mapped: true,
};

const input = (since: string, account: string | null = null): AnalyticsInput => ({
  query: { since, by: "service", account },
  problems: [],
  now: NOW,
  accounts: ["prod", "staging"],
});

let thread: AnalyticsThread | undefined;
afterEach(async () => {
  await thread?.close();
  thread = undefined;
});

describe("AnalyticsThread", () => {
  it("works out on its thread exactly the model worked out in place, for each snapshot it is given", async () => {
    thread = new AnalyticsThread();
    const snapshot = {};
    for (const query of [input("90d"), input("7d"), input("90d", "staging")]) {
      expect(await thread.compute(query, snapshot, () => DATA)).toEqual(analyticsModel(query, DATA));
    }
    // A new snapshot: the thread is given its data before the query on it.
    const fewer: AnalyticsData = { ...DATA, incidents: DATA.incidents.slice(0, 1), byEntity: [] };
    const model = await thread.compute(input("90d"), {}, () => fewer);
    expect(model).toEqual(analyticsModel(input("90d"), fewer));
    expect(model.bySeverity.all.resolved).toBe(1);
  });

  it("gives each snapshot's data once, however many queries are on it", async () => {
    thread = new AnalyticsThread();
    const snapshot = {};
    let given = 0;
    const data = () => {
      given += 1;
      return DATA;
    };
    await Promise.all([
      thread.compute(input("90d"), snapshot, data),
      thread.compute(input("30d"), snapshot, data),
    ]);
    await thread.compute(input("14d"), snapshot, data);
    expect(given).toBe(1);
  });

  it("fails a query the thread cannot answer with its reason, and keeps answering the next ones", async () => {
    thread = new AnalyticsThread();
    await expect(thread.compute(input("forever"), {}, () => DATA)).rejects.toThrow(/forever/);
    expect(await thread.compute(input("90d"), {}, () => DATA)).toEqual(analyticsModel(input("90d"), DATA));
  });

  it("fails the queries waiting when it is stopped, and starts afresh at the next query", async () => {
    thread = new AnalyticsThread();
    const failed = expect(thread.compute(input("90d"), {}, () => DATA)).rejects.toThrow(
      "the analytics thread was stopped",
    );
    await thread.close();
    await failed;
    expect(await thread.compute(input("90d"), {}, () => DATA)).toEqual(analyticsModel(input("90d"), DATA));
  });
});
