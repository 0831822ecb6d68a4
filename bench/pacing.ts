import { IncidentIo } from "../src/api/index.js";
import { type BenchServer, startEmulatorProcess } from "./spawn.js";

const CREATES = 300;
const BURST = 20;
const REFILL = 10;
const CONCURRENCY = 10;

export interface PacingRow {
  client: string;
  seconds: number;
  /** Elapsed time over the theoretical minimum: (creates - burst) / refill. */
  ratio: number;
  throttled: number;
  errors: number;
  duplicates: number;
  created: number;
}

const theoreticalSeconds = (CREATES - BURST) / REFILL;

async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** How many incidents carry each of this run's names: unique creates and duplicates. */
async function countCreated(
  server: BenchServer,
  prefix: string,
): Promise<{ created: number; duplicates: number }> {
  const reader = new IncidentIo({ apiKey: server.readKey, baseUrl: server.url });
  const seen = new Map<string, number>();
  for await (const incident of reader.incidents.list({}, { pageSize: 250 })) {
    if (incident.name.startsWith(prefix)) seen.set(incident.name, (seen.get(incident.name) ?? 0) + 1);
  }
  let duplicates = 0;
  for (const n of seen.values()) duplicates += n - 1;
  return { created: seen.size, duplicates };
}

async function severityId(server: BenchServer): Promise<string> {
  const reader = new IncidentIo({ apiKey: server.readKey, baseUrl: server.url });
  const [first] = await reader.severities.list();
  if (!first) throw new Error("the emulator has no severities");
  return first.id;
}

async function ours(
  server: BenchServer,
  severity: string,
): Promise<Omit<PacingRow, "created" | "duplicates">> {
  let throttled = 0;
  let errors = 0;
  const io = new IncidentIo({
    apiKey: server.apiKey,
    baseUrl: server.url,
    rateLimit: { capacity: BURST, refillPerSecond: REFILL },
    onEvent: (event) => {
      if (event.status === 429) throttled++;
    },
  });
  const started = performance.now();
  await pool(CREATES, CONCURRENCY, async (i) => {
    await io.incidents
      .create({
        idempotency_key: `pacing-ours-${i}`,
        visibility: "public",
        name: `pacing-ours ${i}`,
        severity_id: severity,
      })
      .catch(() => {
        errors++;
      });
  });
  const seconds = (performance.now() - started) / 1000;
  return { client: "incidentkit (paced)", seconds, ratio: seconds / theoreticalSeconds, throttled, errors };
}

/** The baseline: no pacing, retry on 429 with exponential backoff and jitter. */
async function naive(
  server: BenchServer,
  severity: string,
): Promise<Omit<PacingRow, "created" | "duplicates">> {
  let throttled = 0;
  let errors = 0;
  const started = performance.now();
  await pool(CREATES, CONCURRENCY, async (i) => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const res = await fetch(`${server.url}/v2/incidents`, {
        method: "POST",
        headers: { authorization: `Bearer ${server.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({
          idempotency_key: `pacing-naive-${i}`,
          visibility: "public",
          name: `pacing-naive ${i}`,
          severity_id: severity,
        }),
      });
      await res.arrayBuffer();
      if (res.status === 200) return;
      if (res.status !== 429) break;
      throttled++;
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt * (0.5 + Math.random() / 2)));
    }
    errors++;
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    client: "naive (backoff on 429)",
    seconds,
    ratio: seconds / theoreticalSeconds,
    throttled,
    errors,
  };
}

/** 300 creates against a small bucket (20 burst, 10/s): our paced client versus a naive one, each on a fresh emulator. */
export async function benchPacing(): Promise<{ theoreticalSeconds: number; rows: PacingRow[] }> {
  const rows: PacingRow[] = [];
  for (const [run, prefix] of [
    [ours, "pacing-ours"],
    [naive, "pacing-naive"],
  ] as const) {
    const server = await startEmulatorProcess([0, BURST, REFILL]);
    try {
      const severity = await severityId(server);
      const row = await run(server, severity);
      rows.push({ ...row, ...(await countCreated(server, prefix)) });
    } finally {
      await server.stop();
    }
  }
  return { theoreticalSeconds, rows };
}
