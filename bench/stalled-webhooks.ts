/**
 * Stalled bodies: 300 connections to a hub's webhook endpoint (`incidentkit up` in its own process), each sending
 * a well-formed head (signing headers, a current timestamp, a 1,000,000-byte Content-Length) and 64 KiB of body,
 * then nothing. Before the signature can be checked the hub must hold what it read; it reads at most 16 bodies at
 * once and gives each 10 s. Measured: the hub's resident memory before, while the connections stall, and after
 * they were answered and closed, each quiet state after `SETTLE_MS`. Target: it moves by less than 50 MB and
 * returns to its baseline.
 */
import { execFile } from "node:child_process";
import { connect, type Socket } from "node:net";
import { promisify } from "node:util";
import { RECORD_ONLY_RULES, startBenchHubs } from "./hub-process.js";
import { isMain } from "./main.js";
import { rssBytes } from "./process-cpu.js";
import type { HeapReading } from "./stalled-webhooks-heap.js";

export const CONNECTIONS = 300;
const SENT_BYTES = 64 * 1024;
export const STALLED_SECRET = `whsec_${Buffer.from("stalled webhook bodies benchmark!").toString("base64")}`;
const TARGET_MB = 50;
/**
 * A quiet spell, as after any burst: V8 gives back the pages a burst grew once the process has been idle a while
 * (its memory reducer; measured here, between 20 and 40 s after the burst).
 */
const SETTLE_MS = 45_000;

export interface StalledWave {
  stalledMb: number;
  afterMb: number;
  /** How the connections were answered: status → count (503: too many bodies at once; 408: too slow). */
  answers: Record<string, number>;
}

export interface StalledResult {
  baselineMb: number;
  /** Two waves one after the other: the second shows whether what the first took is kept or reused. */
  waves: StalledWave[];
  /** The leak check (stalled-webhooks-heap.ts): what a hub holds after a full collection, before and after waves. */
  heap: { baseline: HeapReading; waves: HeapReading[] };
}

const mb = (bytes: number | undefined) => (bytes ?? Number.NaN) / 1024 / 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens a connection, sends the head and part of the body, and resolves with it and its answer's status. */
export function stall(port: number, index: number): { socket: Socket; answered: Promise<string> } {
  const socket = connect(port, "127.0.0.1");
  const answered = new Promise<string>((resolve) => {
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString();
    });
    socket.on("close", () => resolve(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? "none"));
    socket.on("error", () => resolve("error"));
  });
  socket.on("connect", () => {
    const head = [
      "POST /webhooks/incident-io HTTP/1.1",
      "host: 127.0.0.1",
      "content-type: application/json",
      "content-length: 1000000",
      `webhook-id: msg_stalled_${index}`,
      `webhook-timestamp: ${Math.floor(Date.now() / 1000)}`,
      "webhook-signature: v1,bm90IGEgcmVhbCBzaWduYXR1cmU=",
    ].join("\r\n");
    socket.write(`${head}\r\n\r\n`);
    socket.write(Buffer.alloc(SENT_BYTES, 0x20));
  });
  return { socket, answered };
}

export async function benchStalledWebhooks(): Promise<StalledResult> {
  const hubs = await startBenchHubs({
    rules: RECORD_ONLY_RULES,
    sources: { bench: "generic" },
    webhookSecret: STALLED_SECRET,
  });
  try {
    const pid = hubs.pids[0];
    const port = Number(new URL(hubs.urls[0] ?? "").port);
    // The baseline is a quiet hub's too: what starting it took is given back the same way.
    await sleep(SETTLE_MS);
    const baseline = rssBytes(pid);
    const waves: StalledWave[] = [];
    for (let wave = 0; wave < 2; wave++) {
      const open = Array.from({ length: CONNECTIONS }, (_, i) => stall(port, wave * CONNECTIONS + i));
      await sleep(3000);
      const stalled = rssBytes(pid);
      const statuses = await Promise.all(open.map((connection) => connection.answered));
      await sleep(SETTLE_MS);
      const answers: Record<string, number> = {};
      for (const status of statuses) answers[status] = (answers[status] ?? 0) + 1;
      waves.push({ stalledMb: mb(stalled), afterMb: mb(rssBytes(pid)), answers });
    }
    return { baselineMb: mb(baseline), waves, heap: await heapAfterWaves() };
  } finally {
    await hubs.stop();
  }
}

/** Runs stalled-webhooks-heap.ts in a process of its own, where the collector can be called. */
async function heapAfterWaves(): Promise<StalledResult["heap"]> {
  const script = new URL("./stalled-webhooks-heap.ts", import.meta.url).pathname;
  const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", "--import", "tsx", script]);
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as StalledResult["heap"];
}

export function printStalledWebhooks(result: StalledResult): void {
  const fmt = (n: number) => n.toFixed(1);
  console.log(
    `\nStalled webhook bodies: ${CONNECTIONS} connections each sending a signed-looking head and ${SENT_BYTES / 1024} KiB of a 1,000,000-byte body, then nothing; two waves (incidentkit up in its own process)`,
  );
  console.log(`hub resident memory before: ${fmt(result.baselineMb)} MB`);
  for (const [index, wave] of result.waves.entries()) {
    const answers = Object.entries(wave.answers)
      .map(([status, count]) => `${count} × ${status}`)
      .join(", ");
    console.log(
      `wave ${index + 1}: ${fmt(wave.stalledMb)} MB while stalled (+${fmt(wave.stalledMb - result.baselineMb)} on the baseline, target < ${TARGET_MB}), ${fmt(wave.afterMb)} MB after; answers ${answers} (503: more than 16 bodies at once; 408: not complete within 10 s)`,
    );
  }
  const { heap } = result;
  const list = (pick: (reading: HeapReading) => number) => heap.waves.map((w) => fmt(pick(w))).join(", ");
  console.log(
    `held after a full collection (the hub in process, ${heap.waves.length} waves): V8 heap ${fmt(heap.baseline.heapMb)} MB before, ${list((w) => w.heapMb)} MB after each wave; outside the heap ${fmt(heap.baseline.outsideHeapMb)} MB before, ${list((w) => w.outsideHeapMb)} MB after`,
  );
}

if (isMain(import.meta.url)) printStalledWebhooks(await benchStalledWebhooks());
