/**
 * An agent's session through MCP alone: `incidentkit mcp` as a process over stdio, against an emulator seeded with
 * the demo organisation (on-call counted from now). The agent asks who is on call for payments-api, pages them
 * about its incident, makes the person on call its lead and posts an update; the emulator's state is the judge.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSnapshot } from "../../src/emulator/seed/index.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";

const MAIN = new URL("../../src/faces/cli/main.ts", import.meta.url).pathname;
const snapshot = demoSnapshot({ now: Date.now(), seed: 17 });
let t: TestEmulator;
let home: string;
let client: Client;

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot, listen: true });
  home = mkdtempSync(join(tmpdir(), "incidentkit-agent-"));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ["--import", "tsx", MAIN, "mcp"],
    env: {
      INCIDENTKIT_CONFIG: join(home, "config.json"),
      INCIDENTKIT_DATA_DIR: join(home, "data"),
      INCIDENT_IO_API_KEY: t.adminKey,
      INCIDENT_IO_BASE_URL: t.url,
    },
    stderr: "pipe",
  });
  client = new Client({ name: "incidentkit-agent", version: "0.0.0" });
  await client.connect(transport);
}, 60_000);

afterAll(async () => {
  await client?.close();
  await t?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

/** A tool call the agent expects to succeed; its text is what a model would read. */
async function step(name: string, args: Record<string, unknown>) {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content.map((part) => (part.type === "text" ? part.text : "")).join("\n");
  expect(result.isError, `${name}: ${text}`).toBeFalsy();
  // biome-ignore lint/suspicious/noExplicitAny: the agent reads each tool's own structured shape
  return { data: result.structuredContent as any, text };
}

describe("an agent on call", () => {
  it("finds who is on call for payments-api, pages them, makes them lead and posts an update", async () => {
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    for (const needed of ["who_is_on_call", "page", "assign_role", "post_incident_update"]) {
      expect(names, needed).toContain(needed);
    }

    const declared = await step("declare_incident", {
      name: "Payments API failing: card payments time out",
      severity: "Major",
      custom_fields: { "Affected services": "payments-api" },
    });
    const reference: string = declared.data.incident.reference;

    // "Who is on call for payments-api?"
    const asked = await step("who_is_on_call", { service: "payments-api" });
    expect(asked.text.split("\n")[0]).toBe("payments-api → team Payments → schedule Payments on-call (now)");
    const primary = asked.data.on_call.schedules[0].layers.find(
      (layer: { rotation: string; layer: string }) =>
        layer.rotation === "Primary" && layer.layer === "Primary",
    );
    const lead: { user: string; email: string } = primary.now;
    expect(lead.user).toBeTruthy();

    // "Page them."
    const paged = await step("page", {
      service: "payments-api",
      title: "Payments API failing",
      incident: reference,
    });
    expect(paged.data.chain).toEqual(["payments-api", "team Payments", "escalation path Payments urgent"]);
    expect(paged.data.escalation.notified).toContain(lead.user);
    expect(paged.data.escalation.incidents).toEqual([reference]);

    // "Make them lead."
    await step("assign_role", { incident: reference, role: "Incident Lead", user: lead.email });

    // "Post an update."
    const message = `${lead.user} is paged and leading; card payments are timing out.`;
    await step("post_incident_update", { incident: reference, message });

    const response = await t.fetch(`${t.url}/v2/incidents/${declared.data.incident.id}`, {
      headers: { Authorization: `Bearer ${t.adminKey}` },
    });
    const { incident } = (await response.json()) as {
      incident: {
        incident_role_assignments: { role: { name: string }; assignee?: { name: string } }[];
      };
    };
    const leadRole = incident.incident_role_assignments.find((a) => a.role.name === "Incident Lead");
    expect(leadRole?.assignee?.name).toBe(lead.user);
    const updates = t.emulator.incidentUpdates().filter((u) => u.incident_id === declared.data.incident.id);
    expect(updates.map((u) => u.message)).toContain(message);
    const escalations = t.emulator
      .onCall()
      .escalations.filter((e) => e.incident_id === declared.data.incident.id);
    expect(escalations).toHaveLength(1);
  }, 120_000);
});
