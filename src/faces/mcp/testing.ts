import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { startTestEmulator, type TestEmulator } from "../../../test/support/emulator.js";
import { IncidentIo } from "../../api/index.js";
import { testSnapshot, tokenFor } from "../../emulator/testing.js";
import { type OpsSession, openSession } from "../../ops/index.js";
import { createMcpServer, type McpServerOptions } from "./server.js";

/** An MCP client connected in-process to the tools over `session`. */
export async function connectTools(
  session: OpsSession,
  options: McpServerOptions = {},
): Promise<{ client: Client; close(): Promise<void> }> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const server = createMcpServer(session, options);
  await server.connect(serverSide);
  const client = new Client({ name: "incidentkit-test", version: "0.0.0" });
  await client.connect(clientSide);
  return {
    client,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** A session on the test emulator as `apiKey`, without pacing or retries so failures show at once. */
export function sessionOn(t: TestEmulator, apiKey: string, alias = "test"): OpsSession {
  return openSession(
    new IncidentIo({ apiKey, baseUrl: t.url, fetch: t.fetch, rateLimit: false, maxRetries: 0 }),
    { alias },
  );
}

export type ToolCall = (name: string, args?: Record<string, unknown>) => Promise<CallToolResult>;

/** The test organisation in an emulator, and a tool caller per API key role. */
export interface ToolsFixture {
  t: TestEmulator;
  snapshot: ReturnType<typeof testSnapshot>;
  client: Client;
  /** Calls a tool as the key with viewer, creator and editor roles. */
  call: ToolCall;
  /** Calls a tool with `apiKey` (e.g. a viewer's, or one incident.io does not know). */
  callAs(apiKey: string): Promise<ToolCall>;
  close(): Promise<void>;
}

export async function startToolsFixture(): Promise<ToolsFixture> {
  const snapshot = testSnapshot();
  const t = await startTestEmulator({ ephemeral: true, snapshot });
  const closers: (() => Promise<void>)[] = [];
  const callerFor = async (apiKey: string) => {
    const connection = await connectTools(sessionOn(t, apiKey));
    closers.push(connection.close);
    return (async (name, args = {}) =>
      (await connection.client.callTool({ name, arguments: args })) as CallToolResult) satisfies ToolCall;
  };
  const bot = await connectTools(sessionOn(t, tokenFor(snapshot, "Bot")));
  closers.push(bot.close);
  return {
    t,
    snapshot,
    client: bot.client,
    call: async (name, args = {}) => (await bot.client.callTool({ name, arguments: args })) as CallToolResult,
    callAs: callerFor,
    close: async () => {
      for (const close of closers) await close();
      await t.close();
    },
  };
}

/** The text a tool result shows a model. */
export function textOf(result: CallToolResult): string {
  return result.content.map((part) => (part.type === "text" ? part.text : "")).join("\n");
}

/** A tool result's structured content, typed by the test. */
// biome-ignore lint/suspicious/noExplicitAny: tests read structured content of every tool's shape
export function dataOf(result: CallToolResult): any {
  return result.structuredContent;
}
