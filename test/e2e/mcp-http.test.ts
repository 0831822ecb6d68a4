/**
 * The MCP tools over Streamable HTTP, as the hub will serve them: `mcpHttpHandler` on a loopback port, the SDK's
 * own client, and an emulator over real HTTP behind it.
 */
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, IncidentIo } from "../../src/api/index.js";
import { testSnapshot, tokenFor } from "../../src/emulator/testing.js";
import { mcpHttpHandler } from "../../src/faces/mcp/index.js";
import { type OpsSession, openSession } from "../../src/ops/index.js";
import { startTestEmulator, type TestEmulator } from "../support/emulator.js";

/** Which emulator key the test's handler uses for a request; a test-only choice, not an incidentkit header. */
const KEY_HEADER = "x-test-key";
const snapshot = testSnapshot();
let t: TestEmulator;
let server: ServerType;
let endpoint: URL;
const clients: Client[] = [];
const sessions = new Map<string, OpsSession>();

function sessionFor(request: Request): OpsSession {
  const apiKey = request.headers.get(KEY_HEADER) ?? "";
  if (apiKey === "") throw new ConfigError("apiKey", "no incident.io account is configured", "add one");
  let session = sessions.get(apiKey);
  if (!session) {
    session = openSession(new IncidentIo({ apiKey, baseUrl: t.url, rateLimit: false, maxRetries: 0 }));
    sessions.set(apiKey, session);
  }
  return session;
}

beforeAll(async () => {
  t = await startTestEmulator({ ephemeral: true, snapshot, listen: true });
  const handler = mcpHttpHandler(sessionFor);
  endpoint = await new Promise<URL>((resolve) => {
    server = serve({ fetch: handler, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) =>
      resolve(new URL(`http://127.0.0.1:${info.port}/mcp`)),
    );
  });
});

afterAll(async () => {
  for (const client of clients) await client.close();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    if ("closeAllConnections" in server) server.closeAllConnections();
  });
  await t.close();
});

/** A connected client whose requests use `apiKey` (default: the key with every incident role). */
async function connect(apiKey = tokenFor(snapshot, "Bot")) {
  const client = new Client({ name: "incidentkit-e2e", version: "0.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(endpoint, { requestInit: { headers: { [KEY_HEADER]: apiKey } } }),
  );
  clients.push(client);
  const call = async (name: string, args: Record<string, unknown> = {}) =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  return { client, call };
}

const text = (result: CallToolResult) =>
  result.content.map((part) => (part.type === "text" ? part.text : "")).join("\n");
// biome-ignore lint/suspicious/noExplicitAny: tests read structured content of every tool's shape
const data = (result: CallToolResult): any => result.structuredContent;

describe("MCP over Streamable HTTP", () => {
  it("lists the tools with their annotations", async () => {
    const { client } = await connect();
    const { tools } = await client.listTools();
    // The exact list is pinned by tool-list.test.ts; over HTTP, every one of them is served.
    expect(tools.length).toBeGreaterThanOrEqual(55);
    expect(tools.find((tool) => tool.name === "list_incidents")?.annotations?.readOnlyHint).toBe(true);
    expect(tools.find((tool) => tool.name === "declare_incident")?.annotations).toMatchObject({
      readOnlyHint: false,
      idempotentHint: true,
    });
  });

  it("declares once however often the agent retries, and reads it back by reference", async () => {
    const { call } = await connect();
    const before = t.emulator.incidents().length;
    const args = { name: "HTTP retry", severity: "Major", summary: "Declared over HTTP" };
    const results = [await call("declare_incident", args), await call("declare_incident", args)];
    const ids = results.map((result) => data(result).incident.id);
    expect(ids[1]).toBe(ids[0]);
    expect(t.emulator.incidents()).toHaveLength(before + 1);

    const reference = data(results[0] as CallToolResult).incident.reference;
    const read = await call("get_incident", { incident: reference });
    expect(data(read).incident).toMatchObject({ id: ids[0], summary: "Declared over HTTP" });
  });

  it("pages through incidents with the cursor it hands out", async () => {
    const { call } = await connect();
    for (const name of ["Page A", "Page B", "Page C"]) {
      await call("declare_incident", { name, severity: "Minor" });
    }
    const total = t.emulator.incidents().filter((i) => i.mode === "standard").length;
    const seen: string[] = [];
    let after: string | undefined;
    for (let round = 0; round < total; round++) {
      const page = await call("list_incidents", { limit: 2, ...(after ? { after } : {}) });
      seen.push(...data(page).incidents.map((i: { id: string }) => i.id));
      after = data(page).next_cursor;
      if (!after) break;
      expect(text(page)).toContain(`after=${after}`);
    }
    expect(after).toBeUndefined();
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it("reports a viewer's write as forbidden and a bad key as unauthorized, never echoing the key", async () => {
    const viewer = await connect(tokenFor(snapshot, "Viewer"));
    const forbidden = await viewer.call("declare_incident", { name: "Viewer try", severity: "Minor" });
    expect(forbidden.isError).toBe(true);
    expect(data(forbidden).error).toMatchObject({ code: "forbidden", retryable: false });

    const secret = `inc_${"fedcba9876543210".repeat(4)}`;
    const stranger = await connect(secret);
    const denied = await stranger.call("list_severities");
    expect(data(denied).error.code).toBe("unauthorized");
    expect(JSON.stringify(denied)).not.toContain(secret.slice(4, 24));
  });

  it("answers GET with 405 (stateless: no standing stream) and a failing session factory with 503", async () => {
    const get = await fetch(endpoint, { headers: { accept: "text/event-stream" } });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");

    const post = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(post.status).toBe(503);
    const answer = (await post.json()) as { error: { message: string } };
    expect(answer.error.message).toContain("no incident.io account is configured");
  });
});
