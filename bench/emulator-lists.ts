import { httpRequest, type LoadResult, median, runLoad } from "./load.js";
import { isMain } from "./main.js";
import { type BenchServer, startEmulatorProcess } from "./spawn.js";

const SIZES = [1_000, 100_000] as const;
const ROUNDS = 3;
const SECONDS = 5;
const CONCURRENCY = 16;

export interface ListRow {
  scenario: string;
  incidents: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** The filtered list's total_record_count, or the follow-ups per listed incident. */
  answered: number;
}

export interface ListsResult {
  rows: ListRow[];
  /** Each scenario's rate at the largest size over its rate at the smallest. */
  ratios: { scenario: string; ratio: number }[];
}

interface Scenario {
  scenario: string;
  send: (i: number) => Promise<boolean>;
  answered: number;
}

/**
 * Whether lists keep their speed as the emulator grows: the same requests against 1,000 and 100,000 incidents
 * (the demo organisation's history and its follow-ups repeated), each emulator in its own process, both running,
 * rounds taking turns so both sizes see the same machine. Medians of three rounds.
 */
export async function benchEmulatorLists(): Promise<ListsResult> {
  const servers: BenchServer[] = [];
  try {
    for (const size of SIZES) servers.push(await startEmulatorProcess([size, 1e9, 1e9, "copy-work"]));
    const scenarios = await Promise.all(servers.map((server) => scenariosFor(server)));
    const rounds = new Map<string, LoadResult[]>();
    for (const list of scenarios) {
      for (const { send } of list) await runLoad(send, { concurrency: CONCURRENCY, durationMs: 1000 });
    }
    for (let r = 0; r < ROUNDS; r++) {
      for (const [s, list] of scenarios.entries()) {
        for (const { scenario, send } of list) {
          const key = `${scenario}\u0000${s}`;
          const result = await runLoad(send, { concurrency: CONCURRENCY, durationMs: SECONDS * 1000 });
          rounds.set(key, [...(rounds.get(key) ?? []), result]);
        }
      }
    }
    const rows: ListRow[] = [];
    for (const [s, list] of scenarios.entries()) {
      for (const { scenario, answered } of list) {
        const results = rounds.get(`${scenario}\u0000${s}`) ?? [];
        rows.push({
          scenario,
          incidents: SIZES[s] as number,
          perSecond: median(results.map((x) => x.perSecond)),
          p50Ms: median(results.map((x) => x.p50Ms)),
          p99Ms: median(results.map((x) => x.p99Ms)),
          errors: results.reduce((sum, x) => sum + x.errors, 0),
          answered,
        });
      }
    }
    const ratios = (scenarios[0] ?? []).map(({ scenario }) => {
      const at = (size: number) => rows.find((r) => r.scenario === scenario && r.incidents === size);
      const small = at(SIZES[0])?.perSecond ?? Number.NaN;
      const large = at(SIZES[SIZES.length - 1] as number)?.perSecond ?? Number.NaN;
      return { scenario, ratio: large / small };
    });
    return { rows, ratios };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

async function scenariosFor(server: BenchServer): Promise<Scenario[]> {
  const headers = { authorization: `Bearer ${server.apiKey}` };
  const get = async (path: string) => (await fetch(`${server.url}${path}`, { headers })).json();
  const severities = ((await get("/v1/severities")) as { severities: { id: string; rank: number }[] })
    .severities;
  const major = [...severities].sort((a, b) => a.rank - b.rank)[1] ?? severities[0];
  const since = new Date(Date.now() - 120 * 86_400_000).toISOString().slice(0, 10);
  const filtered = `/v2/incidents?page_size=25&status_category[one_of]=closed&severity[gte]=${major?.id}&created_at[gte]=${since}`;
  const check = (await get(filtered)) as { pagination_meta?: { total_record_count?: number } };
  const total = check.pagination_meta?.total_record_count;
  if (total === undefined) throw new Error(`filtered list failed: ${JSON.stringify(check).slice(0, 300)}`);

  // Incidents that have follow-ups, so each request lists some.
  const withFollowUps: string[] = [];
  let listed = 0;
  for (const id of server.incidentIds.slice(0, 500)) {
    const body = (await get(`/v2/follow_ups?incident_id=${id}`)) as { follow_ups: unknown[] };
    if (body.follow_ups.length > 0) {
      withFollowUps.push(id);
      listed += body.follow_ups.length;
    }
  }
  if (withFollowUps.length === 0) throw new Error("no incident with follow-ups to list");
  return [
    {
      scenario: "GET /v2/incidents?page_size=25 + filters",
      answered: total,
      send: async () => (await httpRequest(`${server.url}${filtered}`, { headers })) === 200,
    },
    {
      scenario: "GET /v2/follow_ups?incident_id=…",
      answered: listed / withFollowUps.length,
      send: async (i) =>
        (await httpRequest(
          `${server.url}/v2/follow_ups?incident_id=${withFollowUps[i % withFollowUps.length]}`,
          {
            headers,
          },
        )) === 200,
    },
  ];
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

export function printEmulatorLists(result: ListsResult): void {
  console.log(
    `\nEmulator lists as it grows: ${SIZES.map((n) => n.toLocaleString("en-US")).join(" and ")} incidents (the demo history and its follow-ups repeated), each emulator in its own process persisting to SQLite, ${CONCURRENCY} concurrent keep-alive clients, median of ${ROUNDS} × ${SECONDS} s, rounds taking turns`,
  );
  console.log(
    "scenario                                   incidents     req/s   p50 ms   p99 ms   errors   answered",
  );
  for (const row of result.rows) {
    console.log(
      `${row.scenario.padEnd(40)} ${row.incidents.toLocaleString("en-US").padStart(11)} ${fmt(row.perSecond).padStart(9)} ${fmt(row.p50Ms, 2).padStart(8)} ${fmt(row.p99Ms, 2).padStart(8)} ${String(row.errors).padStart(8)} ${fmt(row.answered, row.answered < 100 ? 1 : 0).padStart(10)}`,
    );
  }
  for (const { scenario, ratio } of result.ratios) {
    console.log(
      `${scenario}: rate at ${SIZES[SIZES.length - 1]?.toLocaleString("en-US")} / rate at ${SIZES[0].toLocaleString("en-US")} = ${fmt(ratio * 100)}% (target ≥ 50%)`,
    );
  }
}

if (isMain(import.meta.url)) printEmulatorLists(await benchEmulatorLists());
