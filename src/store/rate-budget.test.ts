import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "./open.js";
import { budgetReserve, type DatabaseRateBudget } from "./rate-budget.js";
import { createTestDatabase, postgresUnavailable } from "./testing/databases.js";

/** 8 in the bucket, 5 a second: the hubs leave a second's refill (5) in reserve, so 3 go at once, then one every 200 ms. */
const LIMIT = { capacity: 8, refillPerSecond: 5 };
const BURST = LIMIT.capacity - budgetReserve(LIMIT);
const REFILL_MS = 1000 / LIMIT.refillPerSecond;

if (postgresUnavailable !== undefined) console.log(`rate budget: ${postgresUnavailable}`);

describe.skipIf(postgresUnavailable !== undefined)(
  "an API key's rate budget shared through PostgreSQL",
  () => {
    let database: { url: string; drop(): Promise<void> };
    /** Two stores: two hub processes' worth. */
    let stores: [Store, Store];

    beforeAll(async () => {
      database = await createTestDatabase();
      const first = await openStore({ postgres: database.url, poolSize: 4 });
      stores = [first, await openStore({ postgres: database.url, poolSize: 4 })];
    });

    afterAll(async () => {
      await Promise.all((stores ?? []).map((store) => store.close()));
      await database?.drop();
    });

    /** Each process's budget on the same bucket. */
    function budgets(bucket: string): [DatabaseRateBudget, DatabaseRateBudget] {
      return stores.map((store) => {
        if (!store.rateBudgets) throw new Error("a PostgreSQL store offers rate budgets");
        return store.rateBudgets(bucket, LIMIT);
      }) as [DatabaseRateBudget, DatabaseRateBudget];
    }

    it("lets the burst through at once across both processes, then makes the next take wait for a token", async () => {
      const [a, b] = budgets("burst");
      const started = performance.now();
      for (let i = 0; i < BURST; i++) await (i % 2 === 0 ? a : b).acquire();
      const burstMs = performance.now() - started;
      expect(burstMs).toBeLessThan(REFILL_MS / 2);

      const waitStarted = performance.now();
      await b.acquire();
      const waitedMs = performance.now() - waitStarted;
      // One token's refill, less what trickled in during the burst.
      expect(waitedMs).toBeGreaterThan(REFILL_MS - burstMs - 40);
      expect(waitedMs).toBeLessThan(REFILL_MS + 150);
    });

    it("holds every process back after a 429 paused one of them", async () => {
      const [a, b] = budgets("paused");
      await a.acquire();
      await b.acquire();
      const pausedAt = performance.now();
      a.pause(500);
      await pausedInDatabase("paused");

      await b.acquire();
      expect(performance.now() - pausedAt).toBeGreaterThanOrEqual(450);
      await a.acquire();
      expect(performance.now() - pausedAt).toBeGreaterThanOrEqual(450);
    });

    it("never lets the two together take faster than the bucket allows", async () => {
      const [a, b] = budgets("spread");
      const takes = 40;
      const takenAt: number[] = [];
      const started = performance.now();
      // Four callers in each process, as concurrent deliveries would be.
      await Promise.all(
        Array.from({ length: 8 }, async (_, caller) => {
          const budget = caller % 2 === 0 ? a : b;
          for (let i = 0; i < takes / 8; i++) {
            await budget.acquire();
            takenAt.push(performance.now() - started);
          }
        }),
      );
      const elapsedMs = performance.now() - started;
      expect(takenAt).toHaveLength(takes);
      const slackMs = 300;
      expect(elapsedMs).toBeGreaterThanOrEqual(((takes - BURST) / LIMIT.refillPerSecond) * 1000 - slackMs);
      expect(elapsedMs).toBeLessThan(((takes - BURST) / LIMIT.refillPerSecond) * 1000 + 2_000);

      // In no stretch of time did more go than the burst and that stretch's refill (plus one for timing jitter).
      takenAt.sort((x, y) => x - y);
      const excess: string[] = [];
      for (let i = 0; i < takenAt.length; i++) {
        for (let j = i; j < takenAt.length; j++) {
          const spanMs = (takenAt[j] as number) - (takenAt[i] as number);
          const allowed = BURST + Math.floor(spanMs / REFILL_MS) + 1;
          if (j - i + 1 > allowed) excess.push(`${j - i + 1} takes in ${Math.round(spanMs)} ms`);
        }
      }
      expect(excess).toEqual([]);
    }, 15_000);

    /** Waits until the bucket's pause has reached the database, where the other process sees it. */
    async function pausedInDatabase(bucket: string): Promise<void> {
      const deadline = Date.now() + 2_000;
      for (;;) {
        const row = await sql<{ paused: boolean }>`
        select paused_until_ms > (extract(epoch from clock_timestamp()) * 1000)::bigint as paused
        from rate_budgets where key = ${bucket}`.execute(stores[0].db);
        if (row.rows[0]?.paused) return;
        if (Date.now() > deadline) throw new Error("the pause never reached the database");
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  },
);
