/** `incidentkit severities|statuses|types|custom-fields|roles|users list`, `--help`, and `incidentkit mcp`. */
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliWorld, json, keyNamed, startCliWorld } from "./cli-harness.js";

let w: CliWorld;

beforeAll(async () => {
  w = await startCliWorld();
});

afterAll(async () => {
  await w.close();
});

describe("settings lists", () => {
  it("lists each kind of setting by name, as a table and as JSON", async () => {
    const [severities, statuses, types, fields, roles, users, usersJson] = await Promise.all([
      w.cli(["severities", "list"]),
      w.cli(["--json", "statuses", "list"]),
      w.cli(["types", "list"]),
      w.cli(["custom-fields", "list"]),
      w.cli(["--json", "roles", "list"]),
      w.cli(["users", "list"]),
      w.cli(["--json", "users", "list"]),
    ]);
    expect(severities.code).toBe(0);
    expect(severities.stdout).toMatch(
      /^RANK\s+NAME\s+ID\s+DESCRIPTION\n1\s+Minor\s+\S+\s+Minor impact\n2\s+Major/,
    );
    const categories = json<{ incident_statuses: { name: string; category: string }[] }>(
      statuses,
    ).incident_statuses;
    expect(categories.map((status) => status.name)[0]).toBe("Triage");
    expect(categories).toContainEqual(
      expect.objectContaining({ name: "Post-incident", category: "learning" }),
    );
    expect(types.stdout).toMatch(/^Default\s+yes\s+\S+$/m);
    expect(types.stdout).toMatch(/^Security\s+yes\s+\S+$/m);
    expect(fields.stdout).toMatch(/^Affected team\s+single_select\s/m);
    expect(fields.stdout).toMatch(/^Products\s+multi_select\s/m);
    const roleNames = json<{ incident_roles: { name: string }[] }>(roles).incident_roles.map(
      (role) => role.name,
    );
    expect(roleNames).toEqual(expect.arrayContaining(["Incident Lead", "Reporter", "Comms"]));
    expect(users.stdout).toMatch(/^Ada Lovelace\s+ada@example\.com\s+responder\s+\S+$/m);
    expect(users.stdout).not.toContain("Old Timer");
    expect(json<{ users: unknown[] }>(usersJson).users).toHaveLength(2);
  });

  it("exits 3 for a key incident.io does not know", async () => {
    const run = await w.cli(["--json", "severities", "list"], {
      env: { INCIDENT_IO_API_KEY: "inc_0000000000000000000000000000000000" },
    });
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stderr).error.code).toBe("unauthorized");
  });
});

describe("--help", () => {
  it("prints a command's options and examples, and exits 0", async () => {
    // Every command is checked in-process by program.test.ts; these show the real process prints it and exits 0.
    const commands = [["incidents", "append-finding"], ["mcp"]];
    const runs = await Promise.all(commands.map((command) => w.cli([...command, "--help"])));
    for (const [i, run] of runs.entries()) {
      expect(run.code, commands[i]?.join(" ")).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`Examples:\\n {2}.*incidentkit ${commands[i]?.join(" ")}`));
    }
  });
});

describe("incidentkit mcp", () => {
  it("speaks MCP on stdout and nothing else, with the account's key", async () => {
    const child = w.spawnCli(["mcp"], { INCIDENT_IO_API_KEY: keyNamed(w.snapshot, "Viewer") });
    const lines: string[] = [];
    const replies = new Map<number, Record<string, unknown>>();
    const waiters = new Map<number, () => void>();
    createInterface({ input: child.stdout }).on("line", (line) => {
      lines.push(line);
      const message = JSON.parse(line) as { id?: number };
      if (typeof message.id === "number") {
        replies.set(message.id, message as Record<string, unknown>);
        waiters.get(message.id)?.();
      }
    });
    const send = (message: Record<string, unknown>) => child.stdin.write(`${JSON.stringify(message)}\n`);
    const reply = (id: number) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const done = () => resolve(replies.get(id) as Record<string, unknown>);
        if (replies.has(id)) done();
        else waiters.set(id, done);
      });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));

    send({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name: "cli-test", version: "1" },
      },
    });
    expect(await reply(1)).toMatchObject({ result: { serverInfo: expect.any(Object) } });
    send({ jsonrpc: "2.0", method: "notifications/initialized" });
    send({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "list_severities", arguments: {} } });
    const called = JSON.stringify(await reply(2));
    expect(called).toContain("Minor");
    expect(called).toContain("Critical");
    child.stdin.end();
    expect(await exited).toBe(0);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: "2.0" });
  });
});
