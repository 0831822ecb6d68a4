import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Leadership } from "./leadership.js";
import { advisoryKey } from "./locks.js";
import { openStore, type Store } from "./open.js";
import { createTestDatabase, postgresUnavailable } from "./testing/databases.js";

/** Short, so a test waits for fail-over in under a second. */
const LEASE_MS = 900;

if (postgresUnavailable !== undefined) console.log(`leadership: ${postgresUnavailable}`);

describe.skipIf(postgresUnavailable !== undefined)(
  "leadership among processes sharing a PostgreSQL database",
  () => {
    let database: { url: string; drop(): Promise<void> };
    /** Three stores: three hub processes' worth of connections. */
    const stores: Store[] = [];
    let leaderships: Leadership[] = [];

    beforeAll(async () => {
      database = await createTestDatabase();
      for (let i = 0; i < 3; i++) stores.push(await openStore({ postgres: database.url, poolSize: 2 }));
    });

    afterEach(async () => {
      await Promise.all(leaderships.map((leadership) => leadership.close()));
      leaderships = [];
    });

    afterAll(async () => {
      await Promise.all(stores.map((store) => store.close()));
      await database?.drop();
    });

    /** Each store leads `name`, as each hub process does at start. */
    function contend(name: string, onChange?: (index: number, leading: boolean) => void): Leadership[] {
      leaderships = stores.map((store, index) =>
        store.lead(name, {
          leaseMs: LEASE_MS,
          ...(onChange ? { onChange: (leading: boolean) => onChange(index, leading) } : {}),
        }),
      );
      return leaderships;
    }

    /** Resolves to the index of the one leader, once exactly one leads; fails if none does within `withinMs`. */
    async function soleLeader(contenders: readonly Leadership[], withinMs: number): Promise<number> {
      const deadline = Date.now() + withinMs;
      for (;;) {
        const leading = contenders.flatMap((leadership, index) => (leadership.leading ? [index] : []));
        if (leading.length > 1) throw new Error(`several lead at once: ${leading.join(", ")}`);
        const [leader] = leading;
        if (leader !== undefined) return leader;
        if (Date.now() > deadline) throw new Error(`nobody led within ${withinMs} ms`);
        await sleep(10);
      }
    }

    /** Asks every contender now (a round trip each): which of them lead. */
    async function confirmed(contenders: readonly Leadership[]): Promise<boolean[]> {
      return Promise.all(contenders.map((leadership) => leadership.confirm()));
    }

    it("lets exactly one of three processes lead", async () => {
      const contenders = contend("x");
      const leader = await soleLeader(contenders, LEASE_MS);
      // Several rounds of tries later, still that one alone.
      await sleep(LEASE_MS);
      expect(await confirmed(contenders)).toEqual(contenders.map((_, index) => index === leader));
    });

    it("hands leadership to another process within the lease when the leader closes", async () => {
      const contenders = contend("closing");
      const leader = await soleLeader(contenders, LEASE_MS);
      await contenders[leader]?.close();
      const closedAt = Date.now();
      const next = await soleLeader(contenders, LEASE_MS);
      expect(Date.now() - closedAt).toBeLessThan(LEASE_MS);
      expect(next).not.toBe(leader);
      expect(await confirmed(contenders)).toEqual(contenders.map((_, index) => index === next));
    });

    it("steps a leader down when the server ends its session, and someone leads again within the lease", async () => {
      const changes: [number, boolean][] = [];
      const contenders = contend("terminated", (index, leading) => changes.push([index, leading]));
      const leader = await soleLeader(contenders, LEASE_MS);

      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        const holders = await sessionsHolding(admin, "leader:terminated");
        expect(holders).toHaveLength(1);
        const terminated = await admin.query<{ done: boolean }>(
          "select pg_terminate_backend($1) as done",
          holders,
        );
        expect(terminated.rows[0]?.done).toBe(true);
      } finally {
        await admin.end();
      }
      const terminatedAt = Date.now();

      // The old leader learns of it and steps down; one process (perhaps it again, reconnected) leads.
      const deadline = terminatedAt + LEASE_MS;
      while (!changes.some(([index, leading]) => index === leader && !leading) && Date.now() < deadline) {
        await sleep(10);
      }
      expect(changes).toContainEqual([leader, false]);
      const next = await soleLeader(contenders, deadline - Date.now());
      expect(Date.now() - terminatedAt).toBeLessThan(LEASE_MS);
      expect(await confirmed(contenders)).toEqual(contenders.map((_, index) => index === next));
    });
  },
);

/** The backend pids of the sessions holding the session-level advisory lock of this leadership name. */
async function sessionsHolding(admin: pg.Client, lockName: string): Promise<number[]> {
  const key = BigInt.asUintN(64, advisoryKey(lockName));
  // A bigint advisory key shows in pg_locks as its high and low 32 bits (classid, objid), with objsubid 1.
  const result = await admin.query<{ pid: number }>(
    `select pid from pg_locks
      where locktype = 'advisory' and granted and objsubid = 1
        and database = (select oid from pg_database where datname = current_database())
        and classid = $1::bigint::oid and objid = $2::bigint::oid`,
    [(key >> 32n).toString(), (key & 0xffffffffn).toString()],
  );
  return result.rows.map((row) => row.pid);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
