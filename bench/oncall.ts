/**
 * `who_is_on_call` for a service, as an agent calls it: an MCP client in this process, connected to the MCP server
 * in this process over its in-memory transport, whose session reaches the demo organisation's emulator in its own
 * process over HTTP. Each answer goes service → owner team (catalog) → schedule → the schedule's entries from the
 * moment asked about. "Warm" calls share one session, as a running MCP server does: catalog entries, types and
 * schedules are kept for a minute, so each call reads the schedule's entries; "cold" calls each open a new session
 * and read everything again.
 *
 * `npx tsx bench/oncall.ts` runs it alone.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { IncidentIo } from "../src/api/index.js";
import { DEMO_SERVICES } from "../src/emulator/seed/organisation.js";
import { createMcpServer } from "../src/faces/mcp/server.js";
import { openSession } from "../src/ops/index.js";
import { median, percentile } from "./load.js";
import { isMain } from "./main.js";
import { startEmulatorProcess } from "./spawn.js";

const WARM_CALLS = 300;
const COLD_CALLS = 40;
/** Every service of the demo catalog, asked about in turn, so each team's schedule is read. */
const SERVICES = DEMO_SERVICES.map((service) => service.slug);

export interface OnCallBench {
  warm: { calls: number; p50Ms: number; p95Ms: number; p99Ms: number };
  cold: { calls: number; p50Ms: number; p95Ms: number };
  /** HTTP requests to the emulator per warm call and per cold call. */
  requestsPerWarmCall: number;
  requestsPerColdCall: number;
}

async function connect(url: string, apiKey: string, counter: { requests: number }) {
  const counting: typeof fetch = (input, init) => {
    counter.requests += 1;
    return fetch(input, init);
  };
  const io = new IncidentIo({ apiKey, baseUrl: url, rateLimit: false, fetch: counting });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const server = createMcpServer(openSession(io, { alias: "bench" }), { readOnly: true });
  await server.connect(serverSide);
  const client = new Client({ name: "incidentkit-bench", version: "0.0.0" });
  await client.connect(clientSide);
  return {
    async ask(service: string): Promise<number> {
      const started = performance.now();
      const result = (await client.callTool({
        name: "who_is_on_call",
        arguments: { service },
      })) as CallToolResult;
      const ms = performance.now() - started;
      if (result.isError)
        throw new Error(`who_is_on_call ${service}: ${JSON.stringify(result.structuredContent)}`);
      return ms;
    },
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

export async function benchOnCall(): Promise<OnCallBench> {
  const emulator = await startEmulatorProcess([0]);
  try {
    const services = SERVICES;
    const warmCounter = { requests: 0 };
    const warm = await connect(emulator.url, emulator.apiKey, warmCounter);
    for (const service of services) await warm.ask(service);
    warmCounter.requests = 0;
    const warmMs: number[] = [];
    for (let i = 0; i < WARM_CALLS; i++) warmMs.push(await warm.ask(services[i % services.length] as string));
    await warm.close();

    const coldCounter = { requests: 0 };
    const coldMs: number[] = [];
    for (let i = 0; i < COLD_CALLS; i++) {
      const cold = await connect(emulator.url, emulator.apiKey, coldCounter);
      coldMs.push(await cold.ask(services[i % services.length] as string));
      await cold.close();
    }
    return {
      warm: {
        calls: WARM_CALLS,
        p50Ms: median(warmMs),
        p95Ms: percentile(warmMs, 0.95),
        p99Ms: percentile(warmMs, 0.99),
      },
      cold: { calls: COLD_CALLS, p50Ms: median(coldMs), p95Ms: percentile(coldMs, 0.95) },
      requestsPerWarmCall: warmCounter.requests / WARM_CALLS,
      requestsPerColdCall: coldCounter.requests / COLD_CALLS,
    };
  } finally {
    await emulator.stop();
  }
}

export function printOnCall(result: OnCallBench): void {
  console.log(
    "\nwho_is_on_call for a service: MCP client and server in process, the demo emulator in its own process over HTTP (service → team → schedule → entries)",
  );
  console.log("session                  calls   p50 ms   p95 ms   p99 ms   requests/call");
  console.log(
    `${"warm (one MCP session)".padEnd(22)} ${String(result.warm.calls).padStart(7)} ${result.warm.p50Ms.toFixed(1).padStart(8)} ${result.warm.p95Ms.toFixed(1).padStart(8)} ${result.warm.p99Ms.toFixed(1).padStart(8)} ${result.requestsPerWarmCall.toFixed(1).padStart(15)}`,
  );
  console.log(
    `${"cold (new session each)".padEnd(22)} ${String(result.cold.calls).padStart(7)} ${result.cold.p50Ms.toFixed(1).padStart(8)} ${result.cold.p95Ms.toFixed(1).padStart(8)} ${"".padStart(8)} ${result.requestsPerColdCall.toFixed(1).padStart(15)}`,
  );
}

if (isMain(import.meta.url)) printOnCall(await benchOnCall());
