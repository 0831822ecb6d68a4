/**
 * The stalled-bodies benchmark's leak check, in one process so the collector can run between measurements:
 * `node --expose-gc --import tsx bench/stalled-webhooks-heap.ts` (stalled-webhooks.ts runs it so). A hub's app on
 * loopback takes four waves of the same stalled connections; before the first and after each, a full collection,
 * then the V8 heap in use and the memory held outside it (Buffers). Resident memory says when the runtime gives
 * pages back; this says whether anything of a wave is still held once it closed. Prints one JSON line.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { rulesFrom } from "../src/alerts/rules/testing.js";
import { IncidentIo } from "../src/api/index.js";
import { createHub } from "../src/hub/create-hub.js";
import { listen } from "../src/hub/server.js";
import { TEST_RULES, testHubConfig } from "../src/hub/testing.js";
import { openSession } from "../src/ops/index.js";
import { openStore } from "../src/store/open.js";
import { CONNECTIONS, STALLED_SECRET, stall } from "./stalled-webhooks.js";

const WAVES = 4;

export interface HeapReading {
  heapMb: number;
  outsideHeapMb: number;
}

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error("run with node --expose-gc (see the comment at the top)");
const gc = collect;

function reading(): HeapReading {
  gc();
  gc();
  const usage = process.memoryUsage();
  return { heapMb: usage.heapUsed / 1024 / 1024, outsideHeapMb: usage.external / 1024 / 1024 };
}

const dir = mkdtempSync(join(tmpdir(), "incidentkit-bench-heap-"));
const store = await openStore({ dataDir: dir });
// No call reaches incident.io: every request is answered before its signature could be checked.
const io = new IncidentIo({
  apiKey: "unused",
  baseUrl: "http://127.0.0.1:9",
  maxRetries: 0,
  rateLimit: false,
});
const hub = createHub({
  config: {
    ...testHubConfig(),
    webhookSecret: STALLED_SECRET,
    mirror: { enabled: false, reconcileEveryMs: 60_000 },
  },
  store,
  rules: rulesFrom(TEST_RULES),
  session: openSession(io),
  logger: pino({ level: "silent" }),
});
await hub.start();
const server = await listen(hub.app, "127.0.0.1", 0);
const port = Number(new URL(server.url).port);
try {
  const baseline = reading();
  const waves: HeapReading[] = [];
  for (let wave = 0; wave < WAVES; wave++) {
    const open = Array.from({ length: CONNECTIONS }, (_, i) => stall(port, wave * CONNECTIONS + i));
    await Promise.all(open.map((connection) => connection.answered));
    waves.push(reading());
  }
  console.log(JSON.stringify({ baseline, waves }));
} finally {
  await server.close();
  await hub.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
