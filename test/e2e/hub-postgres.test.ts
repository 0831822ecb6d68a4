/**
 * `incidentkit up` on the PostgreSQL database DATABASE_URL names, as a deployment of several hubs runs it: a real
 * process takes an alert and opens the incident in the emulator, and `alerts history` reads the same database.
 * The URL carries a password, which nothing may print.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketId } from "../../src/api/rate-limiter.js";
import { exampleBody, TEST_RULES } from "../../src/hub/testing.js";
import { createTestDatabase, postgresUnavailable } from "../../src/store/testing/databases.js";
import { type CliWorld, startCliWorld } from "./cli-harness.js";
import { eventually, type RunningHub, readAlert, startHub, writeHubFiles } from "./hub-harness.js";

const TOKEN = "e2e-prom-token-0123456789";
// The test server trusts connections from loopback, so any password is let in; it must never be shown.
const PASSWORD = "pg-Secret-5f3a9c";

if (postgresUnavailable) console.log(`hub-postgres.test.ts: ${postgresUnavailable}`);

describe.skipIf(postgresUnavailable !== undefined)("incidentkit up on PostgreSQL", () => {
  let world: CliWorld;
  let database: { url: string; drop(): Promise<void> };
  let databaseUrl: URL;
  let configFile: string;
  let hub: RunningHub;

  beforeAll(async () => {
    world = await startCliWorld();
    database = await createTestDatabase();
    databaseUrl = new URL(database.url);
    databaseUrl.username ||= "postgres";
    databaseUrl.password = PASSWORD;
    configFile = writeHubFiles(
      world,
      "listen: { host: 127.0.0.1, port: 0 }\nrate_limit_per_minute: 600\nsources:\n  prometheus: { format: alertmanager, token_env: PROM_ALERT_TOKEN }\n",
      TEST_RULES,
    );
    hub = await startHub(world, configFile, {
      PROM_ALERT_TOKEN: TOKEN,
      DATABASE_URL: databaseUrl.toString(),
    });
  }, 60_000);

  afterAll(async () => {
    await hub?.stop();
    await world?.close();
    await database?.drop();
  });

  const history = (env: Record<string, string>) =>
    world.cli(["alerts", "history", "--config", configFile], { env });

  it("names PostgreSQL's host, port and database in its banner, never the password or the user", () => {
    const dbName = databaseUrl.pathname.slice(1);
    expect(hub.banner).toContain(
      `Database: PostgreSQL at ${databaseUrl.hostname}:${databaseUrl.port || "5432"}/${dbName}\n`,
    );
    expect(hub.banner).not.toContain(PASSWORD);
    expect(hub.banner).not.toContain(`${databaseUrl.username}:`);
    expect(hub.stderr()).not.toContain(PASSWORD);
  });

  it("reports the PostgreSQL database and its leadership on /healthz", async () => {
    const health = await eventually(async () => {
      const body = (await (await fetch(`${hub.url}/healthz`)).json()) as {
        status: string;
        database: string;
        leader: boolean;
      };
      return body.leader ? body : undefined;
    }, "the hub to lead on its database");
    expect(health).toMatchObject({ status: "ok", database: "postgres", leader: true });
  });

  it("opens the incident for an alert, and `alerts history` on the same DATABASE_URL shows it", async () => {
    const response = await fetch(`${hub.url}/alerts/prometheus`, {
      method: "POST",
      body: exampleBody("alertmanager-firing"),
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    });
    expect(response.status).toBe(202);
    const [accepted] = ((await response.json()) as { alerts: Array<{ id: string; decision: string }> })
      .alerts;
    expect(accepted?.decision).toBe("open_incident");
    const group = await eventually(async () => {
      const seen = (await readAlert(hub.url, accepted?.id ?? "", TOKEN))?.group;
      return seen?.incident_id ? seen : undefined;
    }, "the incident to be declared");
    const declared = world.t.emulator.incidents().find((incident) => incident.id === group.incident_id);
    const reference = `INC-${declared?.number}`;
    expect(group.incident_reference).toBe(reference);

    const run = await history({ DATABASE_URL: databaseUrl.toString() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(reference);
    expect(run.stdout).toMatch(/open_incident/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(PASSWORD);
    // Nothing went to SQLite: without DATABASE_URL the same config reads an empty data directory.
    expect(existsSync(join(world.home, "data", "hub", "hub.sqlite"))).toBe(false);
    const withoutUrl = await history({});
    expect(withoutUrl.stdout).toMatch(/^No alerts yet: the hub has not run with data directory /);
  });

  it("names the host, never the password, when DATABASE_URL names a database that is not there", async () => {
    const wrong = new URL(databaseUrl);
    wrong.pathname = "/no_such_incidentkit_database";
    const run = await history({ DATABASE_URL: wrong.toString() });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${wrong.hostname}:${wrong.port}`);
    expect(run.stderr).toContain("no_such_incidentkit_database");
    expect(`${run.stdout}${run.stderr}`).not.toContain(PASSWORD);
  });

  it("paces its requests by the API key's budget in the database, at the configured rate", async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    try {
      const { rows } = await pool.query<{ key: string }>("select key from rate_budgets");
      const keys = rows.map((row) => row.key);
      expect(keys).toEqual([bucketId(world.t.adminKey, world.t.url, { capacity: 600, refillPerSecond: 10 })]);
      expect(keys.join()).not.toContain(world.t.adminKey);

      // `sync run` for the same hub takes from the same budget (the hub is idle meanwhile).
      const takenAt = async () =>
        Number(
          (await pool.query<{ at: string }>("select refilled_at_ms as at from rate_budgets")).rows[0]?.at,
        );
      const before = await takenAt();
      const sync = await world.cli(["sync", "run", "--config", configFile], {
        env: { DATABASE_URL: databaseUrl.toString() },
      });
      expect(sync.code, sync.stderr).toBe(0);
      expect((await pool.query("select key from rate_budgets")).rows).toHaveLength(1);
      expect(await takenAt()).toBeGreaterThan(before);
    } finally {
      await pool.end();
    }
  });

  it("stops cleanly on SIGTERM", async () => {
    expect(await hub.stop()).toBe(0);
  });
});
