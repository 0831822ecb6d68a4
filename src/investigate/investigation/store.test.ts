import { afterEach, describe, expect, it } from "vitest";
import { StorePostLedger } from "../../app/investigations/post-ledger.js";
import { sampleReport } from "../../notify/testing/report-fixture.js";
import { ManualClock } from "../../shared/clock.js";
import type { Store } from "../../store/index.js";
import { refusedBy } from "../../store/testing/constraint-errors.js";
import { openTestStore } from "../../store/testing/databases.js";
import { type ReopenableTestDatabase, reopenableTestDatabase } from "../../store/testing/reopenable.js";
import {
  claimAutoInvestigation,
  createInvestigation,
  latestInvestigation,
  markPublished,
  recordError,
  saveReport,
} from "./store.js";

const stores: Store[] = [];
const databases: ReopenableTestDatabase[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const database of databases.splice(0)) await database.remove();
});

/** Closes the store after the test. */
async function track(opening: Promise<Store>): Promise<Store> {
  const store = await opening;
  stores.push(store);
  return store;
}

const store = () => track(openTestStore());

/** A database to close and open again, as a restarted hub would; removed after the test. */
async function reopenable(): Promise<ReopenableTestDatabase> {
  const database = await reopenableTestDatabase();
  databases.push(database);
  return database;
}

const AT = "2026-11-23T14:05:00.000Z";

describe("the automatic investigation's claim", () => {
  it("is won by exactly one of many concurrent claims, and all see the same row", async () => {
    const s = await store();
    const claims = await Promise.all(
      Array.from({ length: 25 }, () => claimAutoInvestigation(s, { account: "prod", id: "01JINC" }, AT)),
    );
    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
    expect(new Set(claims.map((claim) => claim.investigation.id)).size).toBe(1);
    const rows = await s.db.selectFrom("investigations").selectAll().execute();
    expect(rows).toHaveLength(1);
    const second = s.db
      .insertInto("investigations")
      .values({ id: "01JOTHER", incident_id: "01JINC", trigger: "auto", created_at: AT })
      .execute();
    await expect(second).rejects.toThrow(refusedBy.unique);
  });

  it("holds across a restart, while runs asked for from the CLI add rows of their own", async () => {
    const database = await reopenable();
    const first = await track(database.open());
    const before = await claimAutoInvestigation(first, { account: "prod", id: "01JINC" }, AT);
    await first.close();
    const second = await track(database.open());
    const after = await claimAutoInvestigation(second, { account: "prod", id: "01JINC" }, AT);
    expect(after).toMatchObject({ claimed: false, investigation: { id: before.investigation.id } });
    await createInvestigation(second, { account: "prod", id: "01JINC" }, "cli", AT);
    await createInvestigation(second, { account: "prod", id: "01JINC" }, "cli", AT);
    const rows = await second.db.selectFrom("investigations").select("trigger").execute();
    expect(rows.map((row) => row.trigger).sort()).toEqual(["auto", "cli", "cli"]);
  });
});

describe("reports and publish state", () => {
  it("keeps the first report saved, so every publisher sends the same text", async () => {
    const s = await store();
    const { investigation } = await claimAutoInvestigation(s, { account: "prod", id: "01JINCIDENT526" }, AT);
    const first = sampleReport({ summary: "first run" });
    const second = sampleReport({ summary: "second run" });
    expect((await saveReport(s, investigation.id, first)).summary).toBe("first run");
    expect((await saveReport(s, investigation.id, second)).summary).toBe("first run");
  });

  it("shows the latest finished investigation with when each channel took it and the errors met", async () => {
    const s = await store();
    expect(await latestInvestigation(s.db, "01JINCIDENT526")).toBeUndefined();
    const { investigation } = await claimAutoInvestigation(s, { account: "prod", id: "01JINCIDENT526" }, AT);
    await recordError(s, investigation.id, {
      at: AT,
      stage: "investigate",
      message: "incident.io answered 503",
    });
    expect(await latestInvestigation(s.db, "01JINCIDENT526")).toMatchObject({
      report: null,
      errors: [{ stage: "investigate", message: "incident.io answered 503" }],
    });
    await saveReport(s, investigation.id, sampleReport());
    await markPublished(s, investigation.id, "summary", "2026-11-23T14:05:10.000Z");
    await markPublished(s, investigation.id, "summary", "2026-11-23T14:09:00.000Z");
    const latest = await latestInvestigation(s.db, "01JINCIDENT526");
    expect(latest).toMatchObject({
      trigger: "auto",
      report: { incident: { reference: "INC-526" } },
      published: { summaryAppendedAt: "2026-11-23T14:05:10.000Z", slackPostedAt: null },
    });
  });
});

describe("StorePostLedger", () => {
  it("remembers a post across reopening the database", async () => {
    const database = await reopenable();
    const first = await track(database.open());
    const clock = new ManualClock(Date.parse(AT));
    await new StorePostLedger(first, clock).markPosted("slack:abc:01J:incident-created", {
      via: "webhook",
      attempts: 1,
    });
    await first.close();
    const ledger = new StorePostLedger(await track(database.open()), clock);
    expect(await ledger.hasPosted("slack:abc:01J:incident-created")).toBe(true);
    expect(await ledger.hasPosted("slack:abc:01J:other")).toBe(false);
  });
});
