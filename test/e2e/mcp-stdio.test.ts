/**
 * `incidentkit mcp` as an agent runs it: a real process speaking MCP on stdin/stdout, configured by the
 * environment, against an emulator over real HTTP.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PassThrough } from "node:stream";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSnapshot, tokenFor } from "../../src/emulator/testing.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";

const MAIN = new URL("../../src/faces/cli/main.ts", import.meta.url).pathname;
const snapshot = testSnapshot();
let t: TestEmulator;
let home: string;

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot, listen: true });
  home = mkdtempSync(join(tmpdir(), "incidentkit-mcp-"));
});

afterAll(async () => {
  await t.close();
  rmSync(home, { recursive: true, force: true });
});

/** Starts `incidentkit mcp` with `apiKey`, runs `use` with a connected client, and returns what it wrote to stderr. */
async function withServer(apiKey: string, use: (client: Client) => Promise<void>): Promise<string> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ["--import", "tsx", MAIN, "mcp"],
    env: {
      INCIDENTKIT_CONFIG: join(home, "config.json"),
      INCIDENTKIT_DATA_DIR: join(home, "data"),
      INCIDENT_IO_API_KEY: apiKey,
      INCIDENT_IO_BASE_URL: t.url,
    },
    stderr: "pipe",
  });
  let stderr = "";
  const errors = transport.stderr as PassThrough | null;
  errors?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client({ name: "incidentkit-e2e", version: "0.0.0" });
  await client.connect(transport);
  try {
    await use(client);
  } finally {
    await client.close();
  }
  return stderr;
}

const call = async (client: Client, name: string, args: Record<string, unknown> = {}) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;
// biome-ignore lint/suspicious/noExplicitAny: tests read structured content of every tool's shape
const data = (result: CallToolResult): any => result.structuredContent;

describe("incidentkit mcp (stdio)", () => {
  it("serves the tools on the configured account: list, declare, read back, fail helpfully", async () => {
    await withServer(tokenFor(snapshot, "Bot"), async (client) => {
      const { tools } = await client.listTools();
      // The exact list is pinned by tool-list.test.ts; over stdio, every one of them is served.
      expect(tools.length).toBeGreaterThanOrEqual(55);

      const severities = await call(client, "list_severities");
      expect(data(severities).severities.map((s: { name: string }) => s.name)).toEqual([
        "Minor",
        "Major",
        "Critical",
      ]);

      const before = t.emulator.incidents().length;
      const args = { name: "Over stdio", severity: "Major" };
      const first = data(await call(client, "declare_incident", args));
      const again = data(await call(client, "declare_incident", args));
      expect(again.incident.id).toBe(first.incident.id);
      expect(t.emulator.incidents()).toHaveLength(before + 1);

      const context = await call(client, "get_incident_context", { incident: first.incident.reference });
      expect(data(context).incident).toMatchObject({ name: "Over stdio", severity: "Major" });

      const unknown = await call(client, "escalate_incident", {
        incident: first.incident.reference,
        severity: "Apocalyptic",
      });
      expect(unknown.isError).toBe(true);
      expect(data(unknown).error).toMatchObject({ code: "invalid_argument" });
      expect(data(unknown).error.hint).toContain("Minor, Major, Critical");
    });
  });

  it("with a key incident.io refuses, every call is an unauthorized result and the key is never shown", async () => {
    const secret = `inc_${"a1b2c3d4e5f60789".repeat(4)}`;
    const shown: string[] = [];
    const stderr = await withServer(secret, async (client) => {
      for (const name of ["list_incidents", "list_severities"]) {
        const result = await call(client, name);
        expect(result.isError).toBe(true);
        expect(data(result).error.code).toBe("unauthorized");
        shown.push(JSON.stringify(result));
      }
    });
    for (const output of [...shown, stderr]) {
      expect(output).not.toContain(secret);
      expect(output).not.toContain(secret.slice(4, 24));
    }
  });
});
