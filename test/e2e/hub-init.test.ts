/**
 * "Your own hub" in one step: `incidentkit init` into an empty folder, then `incidentkit up --config
 * <dir>/hub.yaml` with the variables it printed set, and the banner's "Try it" curl, as a shell would run it,
 * opens an incident. Also: what init refuses, and what `up` says of a hub.yaml copied without its folders.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, type RunningHub, runningHub } from "./hub-harness.js";
import { shellWords } from "./readme-commands.js";
import { newUserMachine, type UserMachine } from "./user-machine.js";

const EXAMPLES = new URL("../../examples", import.meta.url).pathname;

/** The `export NAME=value` lines init printed, as the variables a shell would then hold. */
function exportsIn(stdout: string): Record<string, string> {
  const rows = [...stdout.matchAll(/^ {2}export ([A-Z_]+)=(\S+)/gm)];
  return Object.fromEntries(rows.map((row) => [row[1] as string, row[2] as string]));
}

/** Every file under `dir`, with its text. */
function filesUnder(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, text: readFileSync(path, "utf8") }));
}

/**
 * The banner's first curl, as a shell would run it: its words split, `$NAME` replaced from `env`; the URL, the
 * headers and the body it sends.
 */
function bannerCurl(banner: string, env: Record<string, string>) {
  const line = /^ {2}(curl -s -X POST .*\\)\n\s+(.*)$/m.exec(banner);
  if (!line) throw new Error(`no curl in the banner:\n${banner}`);
  const text = `${(line[1] as string).slice(0, -1)} ${line[2]}`.replace(
    /\$([A-Z_]+)/g,
    (_, name: string) => env[name] ?? "",
  );
  const words = shellWords(text);
  const headers: Record<string, string> = {};
  let body = "";
  let url = "";
  for (let index = 1; index < words.length; index++) {
    const word = words[index] as string;
    if (word === "-H") {
      const [name = "", ...value] = (words[++index] as string).split(":");
      headers[name.trim().toLowerCase()] = value.join(":").trim();
    } else if (word === "-d") body = words[++index] as string;
    else if (word === "-X") index++;
    else if (!word.startsWith("-")) url = word;
  }
  return { url, headers, body };
}

describe("incidentkit init, then up on what it wrote", () => {
  let machine: UserMachine;
  let dir: string;
  let printed = "";
  let variables: Record<string, string> = {};
  let hub: RunningHub | undefined;

  beforeAll(async () => {
    machine = newUserMachine("init");
    dir = join(machine.work, "my-hub");
    const init = await machine.run(["init", "my-hub"]);
    expect(init.code, init.stderr).toBe(0);
    printed = init.stdout;
    variables = exportsIn(printed);
  }, 60_000);

  afterAll(async () => {
    await hub?.stop();
    if (machine) rmSync(machine.home, { recursive: true, force: true });
  });

  it("writes hub.yaml, rules.yaml, the catalog and the scorecards of the examples", () => {
    for (const file of ["hub.yaml", "rules.yaml", "catalog/payments.yaml", "scorecards/reliability.yaml"]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    expect(readdirSync(join(dir, "catalog")).sort()).toEqual(readdirSync(join(EXAMPLES, "catalog")).sort());
    expect(readFileSync(join(dir, "rules.yaml"), "utf8")).toBe(
      readFileSync(join(EXAMPLES, "rules.yaml"), "utf8"),
    );
    // Its own data directory, not the demo's.
    expect(readFileSync(join(dir, "hub.yaml"), "utf8")).toMatch(/^data_dir: \.\/data$/m);
  });

  it("prints each variable hub.yaml reads, with a generated token written into no file", () => {
    expect(Object.keys(variables)).toEqual([
      "PROM_ALERT_TOKEN",
      "GRAFANA_ALERT_TOKEN",
      "UPTIME_ALERT_TOKEN",
      "HUB_ADMIN_TOKEN",
    ]);
    const tokens = Object.values(variables);
    for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{48}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const { path, text } of filesUnder(dir)) {
      for (const token of tokens) expect(text, path).not.toContain(token);
    }
    expect(printed).toContain("cd my-hub\n  incidentkit up");
  });

  it("refuses to overwrite, naming the files, unless --force", async () => {
    const again = await machine.run(["init", "my-hub"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${dir} already has hub.yaml, rules.yaml, catalog/data.yaml`);
    expect(again.stderr).toContain("--force");
    const other = join(machine.work, "has-a-catalog");
    mkdirSync(join(other, "catalog"), { recursive: true });
    copyFileSync(join(EXAMPLES, "catalog", "groups.yaml"), join(other, "catalog", "teams.yaml"));
    // A catalog folder here, and no hub.yaml, is the catalog the catalog commands mean.
    const listed = await machine.run(["catalog", "list", "--kind", "group"], { cwd: other });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain("group:payments");
    expect(listed.stderr).toBe("");
    const mixing = await machine.run(["init", "has-a-catalog"]);
    expect(mixing.code).toBe(2);
    expect(mixing.stderr).toContain("already has catalog/:");
    expect(existsSync(join(other, "hub.yaml"))).toBe(false);
    const forced = await machine.run(["init", "has-a-catalog", "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(existsSync(join(other, "catalog", "teams.yaml"))).toBe(true);
    expect(existsSync(join(other, "catalog", "payments.yaml"))).toBe(true);
  });

  it("is the hub the catalog commands read in its folder, saying so", async () => {
    const validated = await machine.run(["catalog", "validate"], { cwd: dir });
    expect(validated.code, validated.stderr).toBe(0);
    expect(validated.stderr).toBe(
      `catalog: ${join(dir, "catalog")}, the catalog of the hub of ${join(dir, "hub.yaml")} (--dir names another)\n`,
    );
  });

  it("starts on its first `up`, and the banner's curl opens an incident", async () => {
    hub = await runningHub(
      machine.spawnCli(["up", "--config", join(dir, "hub.yaml"), "--port", "0"], { env: variables }),
    );
    expect(hub.banner).toContain(`State: ${join(dir, "data")}`);
    const curl = bannerCurl(hub.banner, variables);
    const response = await fetch(curl.url, { method: "POST", headers: curl.headers, body: curl.body });
    expect(response.status).toBe(202);
    const { alerts } = (await response.json()) as { alerts: Array<{ id: string; decision: string }> };
    expect(alerts[0]?.decision).toBe("open_incident");
    const admin = { authorization: `Bearer ${variables.HUB_ADMIN_TOKEN}` };
    const reference = await eventually(async () => {
      const detail = await fetch(`${hub?.url}/alerts/${alerts[0]?.id}`, { headers: admin });
      const { group } = (await detail.json()) as { group: { incident_reference: string | null } };
      return group.incident_reference ?? undefined;
    }, "the incident to open");
    // The banner's own command shows it, as do the commands run in the hub's folder, which find it there.
    const history = /^ {2}incidentkit (alerts history --config \S+)$/m.exec(hub.banner)?.[1];
    expect(history).toBeDefined();
    const shown = await machine.run((history as string).split(" "));
    expect(shown.stdout).toMatch(new RegExp(`uptime +firing +Database down +open_incident +${reference}`));
    const here = await machine.run(["incidents", "show", reference], { cwd: dir });
    expect(here.code, here.stderr).toBe(0);
    expect(here.stdout).toContain("payments-api: Database down");
    expect(here.stderr).toContain(`hub: the hub of ${join(dir, "hub.yaml")} at ${hub.url} `);
  }, 120_000);
});

describe("incidentkit up on a hub.yaml copied without its folders", () => {
  it("names the settings and the files missing, and how to get them", async () => {
    const machine = newUserMachine("copied");
    try {
      copyFileSync(join(EXAMPLES, "hub.yaml"), join(machine.work, "hub.yaml"));
      copyFileSync(join(EXAMPLES, "rules.yaml"), join(machine.work, "rules.yaml"));
      const tokens = { PROM_ALERT_TOKEN: "p".repeat(24), GRAFANA_ALERT_TOKEN: "g".repeat(24) };
      const run = await machine.run(["up", "--port", "0"], {
        env: { ...tokens, UPTIME_ALERT_TOKEN: "u".repeat(24) },
      });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain(
        `${join(machine.work, "hub.yaml")} names catalog.dir (${join(machine.work, "catalog")}) and scorecards (${join(machine.work, "scorecards")}), which do not exist`,
      );
      expect(run.stderr).toContain("incidentkit init <dir>");
      // `up` has no --dir: the hint must not send people to one.
      expect(run.stderr).not.toContain("--dir");
    } finally {
      rmSync(machine.home, { recursive: true, force: true });
    }
  }, 60_000);
});
