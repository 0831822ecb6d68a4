/** `incidentkit accounts …` and `verify`: keys are stored, chosen and checked, and never printed. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliWorld, expectKeyHidden, json, keyNamed, startCliWorld } from "./cli-harness.js";

let w: CliWorld;

beforeAll(async () => {
  w = await startCliWorld();
});

afterAll(async () => {
  await w.close();
});

interface AccountsList {
  accounts: { alias: string; default: boolean; key: string | null; available: boolean; base_url: string }[];
  default_account: string | null;
}

describe("incidentkit accounts", () => {
  it("adds, lists, changes the default and removes accounts, showing keys by their last four characters", async () => {
    const key = "inc_prodsecret0123456789abcdefWXYZ";
    const noEnvKey = { INCIDENT_IO_API_KEY: "" };
    const added = await w.cli(
      ["accounts", "add", "prod", "--api-key-stdin", "--base-url", w.t.url, "--default"],
      {
        input: `${key}\n`,
        env: noEnvKey,
      },
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Saved account "prod" (key …WXYZ), the default');
    const fromEnv = await w.cli(["accounts", "add", "ci", "--api-key-env", "CI_INCIDENT_KEY"], {
      env: noEnvKey,
    });
    expect(fromEnv.code).toBe(0);

    const listed = await w.cli(["--json", "accounts", "list"], { env: noEnvKey });
    expect(listed.code).toBe(0);
    const before = json<AccountsList>(listed);
    expect(before.default_account).toBe("prod");
    expect(before.accounts).toEqual([
      expect.objectContaining({ alias: "ci", default: false, key: null, available: false }),
      expect.objectContaining({
        alias: "prod",
        default: true,
        key: "…WXYZ",
        available: true,
        base_url: w.t.url,
      }),
    ]);

    const madeDefault = await w.cli(["accounts", "default", "ci"], { env: noEnvKey });
    expect(madeDefault.code).toBe(0);
    const removed = await w.cli(["accounts", "remove", "prod"], { env: noEnvKey });
    expect(removed.code).toBe(0);
    const human = await w.cli(["accounts", "list"], { env: { ...noEnvKey, CI_INCIDENT_KEY: key } });
    expect(human.code).toBe(0);
    expect(human.stdout.split("\n")[0]).toMatch(/^ALIAS\s+DEFAULT\s+KEY\s+SOURCE\s+BASE URL$/);
    expect(human.stdout).toMatch(/^ci\s+\*\s+…WXYZ\s+file \(\$CI_INCIDENT_KEY\)/m);
    expect(human.stdout).not.toMatch(/^prod/m);

    expect(JSON.parse(readFileSync(w.configFile, "utf8"))).toEqual({
      defaultAccount: "ci",
      accounts: { ci: { apiKeyEnv: "CI_INCIDENT_KEY" } },
    });
    expectKeyHidden([added, fromEnv, listed, madeDefault, removed, human], key);
  });

  it("never asks for a key when stdin is not a terminal, and names unknown aliases", async () => {
    const [noKey, unknown] = await Promise.all([
      w.cli(["accounts", "add", "staging"]),
      w.cli(["accounts", "default", "nowhere"]),
    ]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain("no API key given");
    expect(noKey.stderr).toContain("--api-key-stdin");
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('no account named "nowhere"');
  });
});

describe("incidentkit verify", () => {
  it("checks every account with --all, and exits 3 when one key is bad", async () => {
    const badKey = "inc_revoked0000000000000000000000bad1";
    const configFile = join(w.home, "verify.json");
    writeFileSync(
      configFile,
      JSON.stringify({
        defaultAccount: "good",
        accounts: {
          good: { apiKey: w.t.adminKey, baseUrl: w.t.url },
          bad: { apiKey: badKey, baseUrl: w.t.url },
          later: { apiKeyEnv: "LATER_KEY" },
        },
      }),
    );
    const env = { INCIDENTKIT_CONFIG: configFile, INCIDENT_IO_API_KEY: "" };
    const [all, human, one] = await Promise.all([
      w.cli(["--json", "verify", "--all"], { env }),
      w.cli(["verify", "--all"], { env }),
      w.cli(["verify"], { env }),
    ]);
    expect(all.code).toBe(3);
    const { accounts } = json<{ accounts: Record<string, unknown>[] }>(all);
    expect(accounts).toEqual([
      expect.objectContaining({
        alias: "bad",
        ok: false,
        result: "failed",
        key: "…bad1",
        identity: null,
        error: expect.objectContaining({ code: "unauthorized", retryable: false }),
      }),
      expect.objectContaining({
        alias: "good",
        ok: true,
        result: "passed",
        identity: expect.objectContaining({ name: "Admin", roles: ["global_access"] }),
        error: null,
      }),
      expect.objectContaining({ alias: "later", ok: false, result: "missing" }),
    ]);
    expect(human.code).toBe(3);
    expect(human.stdout).toMatch(/^bad\s+…bad1\s+failed\s+unauthorized: the API key is invalid or revoked/m);
    expect(human.stdout).toMatch(/^good\s+…\w{4}\s+passed\s+Admin\s+global_access/m);
    expect(human.stdout).toMatch(/^later\s+missing\s+config: set LATER_KEY/m);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^good\s.*passed/m);
    expectKeyHidden([all, human, one], badKey);
    expectKeyHidden([all, human, one], w.t.adminKey);
  });

  it("checks the key's roles against what it is for, --for read|write|hub", async () => {
    const viewer = keyNamed(w.snapshot, "Viewer");
    const configFile = join(w.home, "verify-for.json");
    writeFileSync(
      configFile,
      JSON.stringify({
        defaultAccount: "viewer",
        accounts: { viewer: { apiKey: viewer, baseUrl: w.t.url } },
      }),
    );
    const env = { INCIDENTKIT_CONFIG: configFile, INCIDENT_IO_API_KEY: "" };
    const [read, write, hub, bogus] = await Promise.all([
      w.cli(["verify"], { env }),
      w.cli(["--json", "verify", "--for", "write"], { env }),
      w.cli(["verify", "--for", "hub"], { env }),
      w.cli(["verify", "--for", "everything"], { env }),
    ]);
    expect(read.code, read.stderr).toBe(0);
    expect(write.code).toBe(3);
    const [row] = json<{ accounts: Array<{ error: { code: string; message: string; hint: string } }> }>(
      write,
    ).accounts;
    expect(row?.error).toMatchObject({
      code: "missing_scope",
      message:
        "the key lacks roles that write needs: incident_creator (declare incidents), incident_editor (edit and close incidents, post updates)",
      hint: "add incident_creator and incident_editor to the key in incident.io (Settings, API keys), or use a key with global access",
    });
    expect(hub.code).toBe(3);
    expect(hub.stdout).toContain("missing_scope: add incident_creator and incident_editor");
    expect(bogus.code).not.toBe(0);
    expect(bogus.stderr).toContain('--for must be one of read, write, hub; got "everything"');
    expectKeyHidden([read, write, hub], viewer);
  });
});
