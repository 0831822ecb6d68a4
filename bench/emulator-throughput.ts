import { httpRequest, type LoadResult, median, runLoad } from "./load.js";
import { startEmulatorProcess } from "./spawn.js";

const INCIDENTS = 10_000;
const ROUNDS = 3;
const SECONDS = 5;
const CONCURRENCY = 16;

export interface ThroughputRow {
  scenario: string;
  target: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** Emulator throughput over 10,000 incidents: get by ID, filtered list, create. Medians of three rounds. */
export async function benchEmulatorThroughput(): Promise<ThroughputRow[]> {
  const server = await startEmulatorProcess([INCIDENTS]);
  try {
    const headers = { authorization: `Bearer ${server.apiKey}`, "content-type": "application/json" };
    const get = async (path: string) => (await fetch(`${server.url}${path}`, { headers })).json();
    const severities = ((await get("/v1/severities")) as { severities: { id: string; rank: number }[] })
      .severities;
    const major = [...severities].sort((a, b) => a.rank - b.rank)[1] ?? severities[0];
    const since = new Date(Date.now() - 120 * 86_400_000).toISOString().slice(0, 10);
    const filtered = `/v2/incidents?page_size=25&status_category[one_of]=closed&severity[gte]=${major?.id}&created_at[gte]=${since}`;
    const check = (await get(filtered)) as { incidents: unknown[] };
    if (!Array.isArray(check.incidents)) throw new Error(`filtered list failed: ${JSON.stringify(check)}`);

    const scenarios: { scenario: string; target: number; send: (i: number) => Promise<boolean> }[] = [
      {
        scenario: "GET /v2/incidents/{id}",
        target: 3000,
        send: async (i) => {
          const url = `${server.url}/v2/incidents/${server.incidentIds[i % server.incidentIds.length]}`;
          return (await httpRequest(url, { headers })) === 200;
        },
      },
      {
        scenario: "GET /v2/incidents?page_size=25 + filters",
        target: 1000,
        send: async () => {
          return (await httpRequest(`${server.url}${filtered}`, { headers })) === 200;
        },
      },
      {
        scenario: "POST /v2/incidents",
        target: 500,
        send: async (i) => {
          const status = await httpRequest(`${server.url}/v2/incidents`, {
            method: "POST",
            headers,
            body: JSON.stringify({
              idempotency_key: `bench-${process.pid}-${Date.now()}-${i}`,
              visibility: "public",
              name: `Benchmark incident ${i}`,
              severity_id: major?.id,
            }),
          });
          return status === 200;
        },
      },
    ];

    const rows: ThroughputRow[] = [];
    for (const { scenario, target, send } of scenarios) {
      await runLoad(send, { concurrency: CONCURRENCY, durationMs: 1000 }); // warm-up
      const rounds: LoadResult[] = [];
      for (let r = 0; r < ROUNDS; r++)
        rounds.push(await runLoad(send, { concurrency: CONCURRENCY, durationMs: SECONDS * 1000 }));
      rows.push({
        scenario,
        target,
        perSecond: median(rounds.map((x) => x.perSecond)),
        p50Ms: median(rounds.map((x) => x.p50Ms)),
        p99Ms: median(rounds.map((x) => x.p99Ms)),
        errors: rounds.reduce((sum, x) => sum + x.errors, 0),
      });
    }
    return rows;
  } finally {
    await server.stop();
  }
}
