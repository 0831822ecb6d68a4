/** `incidentkit sync run` and `sync status`: the hub's incident mirror from the command line, as a real process. */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedIncidents } from "./cli-fixtures.js";
import { type CliWorld, expectKeyHidden, json, startCliWorld } from "./cli-harness.js";
import { writeHubState } from "./hub-harness.js";

let w: CliWorld;

beforeAll(async () => {
  w = await startCliWorld(seedIncidents);
});

afterAll(async () => {
  await w.close();
});

interface StatusDocument {
  accounts: {
    account: string;
    incidents: number;
    failing: boolean;
    backfill: { state: string; fetched: number; total: number | null };
    lastSuccessAt: string | null;
    lastError: { message: string; hint: string | null } | null;
  }[];
}

const BAD_KEY = `inc_${"7c".repeat(32)}`;

describe("incidentkit sync", () => {
  it("syncs the account into the hub's database and reports it, then shows a refused key's error", async () => {
    const before = await w.cli(["--json", "sync", "status"]);
    expect(before.code, before.stderr).toBe(0);
    expect(json(before)).toEqual({ accounts: [] });

    const total = w.snapshot.incidents.length;
    const run = await w.cli(["--json", "sync", "run"]);
    expect(run.code, run.stderr).toBe(0);
    // Not a terminal: no progress bar.
    expect(run.stderr).toBe("");
    expect(json(run)).toMatchObject({
      sync: { account: "env", backfill: { fetched: total, pages: 1, resumed: false }, reconcile: {} },
      status: {
        account: "env",
        incidents: total,
        failing: false,
        backfill: { state: "done", fetched: total },
      },
    });
    expect(existsSync(join(w.home, "data", "hub", "hub.sqlite"))).toBe(true);

    const again = await w.cli(["sync", "run"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^env: reconciled incidents updated since \S+: \d+ read, \d+ written\.\n$/);

    const human = await w.cli(["sync", "status"]);
    expect(human.code, human.stderr).toBe(0);
    const [header, row] = human.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^ACCOUNT\s+BACKFILL\s+INCIDENTS\s+LAST SUCCESS\s+NEWEST CHANGE\s+STATE$/);
    expect(row).toMatch(
      new RegExp(`^env\\s+done ${total}/${total}\\s+${total}\\s+just now\\s+\\S+ ago\\s+ok$`),
    );

    const refused = await w.cli(["sync", "run"], { env: { INCIDENT_IO_API_KEY: BAD_KEY } });
    expect(refused.code).toBe(3);
    // After the line saying which hub it found (the demo's data directory here).
    expect(refused.stderr).toMatch(/^hub: the demo hub, not running .*\nerror: incident\.io answered 401/);
    expect(refused.stderr).toMatch(/hint: the API key is invalid or revoked/);

    const failing = await w.cli(["--json", "sync", "status"]);
    const [account] = json<StatusDocument>(failing).accounts;
    expect(account).toMatchObject({ account: "env", failing: true, incidents: total });
    expect(account?.lastError?.message).toContain("401");
    expect(account?.lastError?.hint).toContain("invalid or revoked");
    const shown = await w.cli(["sync", "status"]);
    expect(shown.stdout).toMatch(
      /env\s+done .* failing\n\nenv: last error just now: incident\.io answered 401/,
    );
    expect(shown.stdout).toContain("  hint: the API key is invalid or revoked");
    expectKeyHidden([refused, failing, shown], BAD_KEY);
  });

  it("refuses to sync another account into a hub that holds one account's incidents, naming both", async () => {
    const configFile = join(w.home, "two-accounts.json");
    writeFileSync(
      configFile,
      JSON.stringify({ accounts: { other: { apiKey: w.t.adminKey, baseUrl: w.t.url } } }),
    );
    const refused = await w.cli(["--account", "other", "sync", "run"], {
      env: { INCIDENTKIT_CONFIG: configFile, INCIDENT_IO_API_KEY: "" },
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("holds the incidents of account env, not other's");
    expect(refused.stderr).toContain("hint: use one of the hub's accounts (incidentkit --account env …)");
    // Nothing of the other account was written.
    const after = json<StatusDocument>(await w.cli(["--json", "sync", "status"])).accounts;
    expect(after.map((row) => row.account)).toEqual(["env"]);
    expectKeyHidden([refused], w.t.adminKey);
  });

  it("syncs another account the hub's catalog names, and refuses one the hub does not serve, naming those it does", async () => {
    const hubConfig = writeHubState(
      w,
      [
        "apiVersion: backstage.io/v1alpha1",
        "kind: Component",
        "metadata: { name: checkout-staging, annotations: { incidentkit.io/account: staging } }",
        "spec: { type: service, lifecycle: staging, owner: shop-team }",
      ].join("\n"),
      ["account: env"],
    );
    const accountsFile = join(w.home, "staging-accounts.json");
    writeFileSync(
      accountsFile,
      JSON.stringify({
        accounts: {
          staging: { apiKey: w.t.adminKey, baseUrl: w.t.url },
          other: { apiKey: w.t.adminKey, baseUrl: w.t.url },
        },
      }),
    );
    const env = { INCIDENTKIT_CONFIG: accountsFile };
    const synced = await w.cli(["--json", "--account", "staging", "sync", "run", "--config", hubConfig], {
      env,
    });
    expect(synced.code).toBe(0);
    expect(json<{ sync: { account: string } }>(synced).sync.account).toBe("staging");
    const refused = await w.cli(["--account", "other", "sync", "run", "--config", hubConfig], { env });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("holds the incidents of accounts env, staging, not other's");
    const status = json<StatusDocument>(
      await w.cli(["--json", "sync", "status", "--config", hubConfig], { env }),
    );
    expect(status.accounts.map((row) => row.account)).toEqual(["staging"]);
    expectKeyHidden([synced, refused], w.t.adminKey);
  });
});
