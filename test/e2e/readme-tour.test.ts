/**
 * The README's commands, run as written in a second terminal while the demo runs: `incidentkit up` with nothing
 * configured, then every `incidentkit` command of the README's "Set up" and "Tour" sections, each as a new process
 * with no flag, variable or account the README does not show. Each must end as the README says (its output's
 * first line where it shows one) and say on stderr that it talks to this demo.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, type RunningHub, runningHub } from "./hub-harness.js";
import { type ReadmeCommand, readmeCommands } from "./readme-commands.js";
import { newUserMachine, type UserMachine } from "./user-machine.js";

/**
 * Commands of the README that are not run against the demo, and why. Anything else the README shows is run: a
 * new command there is tested, or the test fails until it is listed here with its reason.
 */
const NOT_AGAINST_THE_DEMO: ReadonlyArray<{ first: string; reason: string }> = [
  {
    first: "emulator",
    reason: "it starts an emulator of its own, a server that runs until stopped, on port 8790 unless told",
  },
];

/**
 * The Tour first: its CLI example shows the references of a demo nothing has touched (INC-526 is the first
 * incident declared), and the Set up section's commands then open and close a test incident of their own.
 */
const commands = [...readmeCommands(["Tour"]), ...readmeCommands(["Set up"])];
const excused = (command: ReadmeCommand) =>
  NOT_AGAINST_THE_DEMO.find((excuse) => command.args[0] === excuse.first);
const runnable = commands.filter((command) => excused(command) === undefined);

const normalised = (line: string) => line.trim().replace(/\s+/g, " ");

describe("the README's commands, against a running demo", () => {
  let machine: UserMachine;
  let demo: RunningHub;

  beforeAll(async () => {
    for (const command of commands) {
      const excuse = excused(command);
      if (excuse) console.log(`not run against the demo: ${command.text}: ${excuse.reason}`);
    }
    machine = newUserMachine("tour");
    demo = await runningHub(machine.spawnCli(["up", "--port", "0"]));
    // The mirror's backfill, which the commands reading the hub's state need, is done within seconds of start.
    await eventually(
      async () => {
        const status = await machine.run(["--json", "sync", "status"]);
        const { accounts } = JSON.parse(status.stdout) as {
          accounts: Array<{ backfill: { state: string } }>;
        };
        return accounts[0]?.backfill.state === "done" ? true : undefined;
      },
      "the demo's backfill",
      60_000,
      500,
    );
  }, 120_000);

  afterAll(async () => {
    await demo?.stop();
    if (machine) rmSync(machine.home, { recursive: true, force: true });
  });

  it("finds commands in both sections, and runs every one not listed with a reason", () => {
    expect(runnable.filter((command) => command.section === "Tour").length).toBeGreaterThanOrEqual(10);
    expect(runnable.filter((command) => command.section === "Set up").length).toBeGreaterThanOrEqual(10);
  });

  it.each(runnable.map((command) => [command.text, command] as const))(
    "%s",
    async (_text, command) => {
      const run = await machine.run(command.args);
      const said = `${run.stdout}\n${run.stderr}`;
      if (command.exitCode === "nonzero") expect(run.code, said).not.toBe(0);
      else expect(run.code, said).toBe(command.exitCode);
      // It says which hub it found, and it is this demo.
      const hubLine = run.stderr.split("\n").find((line) => /^(hub|catalog): /.test(line));
      expect(hubLine, said).toBeDefined();
      expect(hubLine).toContain("the demo hub");
      if (hubLine?.startsWith("hub: ")) expect(hubLine).toContain(`the demo hub at ${demo.url} `);
      const first = command.firstOutputLine;
      if (first === undefined) return;
      if (command.exitCode === "nonzero") {
        expect(run.stderr).toContain(first);
      } else {
        expect(run.stdout.split("\n").map(normalised), said).toContain(normalised(first));
      }
    },
    60_000,
  );

  it("takes the banner's emulator variables as the demo's own account, not a second one", async () => {
    const shown = /other programs: INCIDENT_IO_BASE_URL=(\S+) INCIDENT_IO_API_KEY=(\S+)$/m.exec(demo.banner);
    expect(shown, demo.banner).not.toBeNull();
    const env = { INCIDENT_IO_BASE_URL: shown?.[1] as string, INCIDENT_IO_API_KEY: shown?.[2] as string };
    const synced = await machine.run(["--json", "sync", "run"], { env });
    expect(synced.code, synced.stderr).toBe(0);
    expect((JSON.parse(synced.stdout) as { sync: { account: string } }).sync.account).toBe("emulator");
    const status = await machine.run(["--json", "sync", "status"]);
    const { accounts } = JSON.parse(status.stdout) as { accounts: Array<{ account: string }> };
    expect(accounts.map((account) => account.account)).toEqual(["emulator"]);
  });

  it("serves MCP at /mcp to the admin token its banner shows", async () => {
    const admin = /^Admin token (\S+) \(kept in /m.exec(demo.banner)?.[1];
    expect(admin, demo.banner).toBeDefined();
    expect(demo.banner).toContain(`for MCP clients at ${demo.url}/mcp`);
    const call = (token: string) =>
      fetch(`${demo.url}/mcp`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
      });
    const listed = await call(admin as string);
    expect(listed.status).toBe(200);
    expect(await listed.text()).toContain("find_similar_incidents");
    expect((await call("not-the-admin-token-0123456789")).status).toBe(401);
  });
});
