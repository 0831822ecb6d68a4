/**
 * `catalog push` of 5,000 entities into the emulator (its own process, real HTTP) at incident.io's rate limit
 * (1200 burst, 20/s per key): the push's time over the least time the calls it needs could take at that limit,
 * the entries made per external ID (duplicates), and a second push with nothing changed (its writes).
 */
import { IncidentIo } from "../src/api/index.js";
import { INCIDENT_IO_RATE_LIMIT } from "../src/api/rate-limiter.js";
import { parseCatalog } from "../src/catalog/load.js";
import { DEFAULT_PUSH_KINDS, pushCatalog, SYNC_ID_ANNOTATION } from "../src/catalog/push/index.js";
import { startEmulatorProcess } from "./spawn.js";

const GROUPS = 50;
const SYSTEMS = 250;
const COMPONENTS = 4700;
const SYNC_ID = "bench";

export interface CatalogPushRow {
  entities: number;
  /** API requests the emulator answered for the push, successes only. */
  calls: number;
  seconds: number;
  /** (calls − burst) / refill: no client can make these calls faster at the limit. */
  minimumSeconds: number;
  ratio: number;
  throttled: number;
  entries: number;
  duplicates: number;
  again: { seconds: number; reads: number; writes: number };
}

interface Answered {
  method: string;
  status: number;
  count: number;
}

/** Teams, systems and services as a large company's catalog would have them: owners, systems, dependencies. */
function catalogText(): string {
  const docs: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const parent = g === 0 ? "" : "\n  parent: team-0";
    docs.push(
      `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-${g}\n  title: Team ${g}\nspec:\n  type: team${parent}`,
    );
  }
  for (let s = 0; s < SYSTEMS; s++) {
    docs.push(
      `apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: system-${s}\nspec:\n  owner: group:team-${s % GROUPS}`,
    );
  }
  for (let c = 0; c < COMPONENTS; c++) {
    docs.push(
      [
        "apiVersion: backstage.io/v1alpha1",
        "kind: Component",
        "metadata:",
        `  name: service-${c}`,
        `  title: Service ${c}`,
        `  description: Service number ${c}, as its team describes it`,
        "  tags: [java, payments]",
        "  annotations:",
        `    github.com/project-slug: acme/service-${c}`,
        "  links:",
        `    - url: https://runbooks.example.com/service-${c}`,
        "      title: Runbook",
        "spec:",
        "  type: service",
        "  lifecycle: production",
        `  owner: group:team-${c % GROUPS}`,
        `  system: system-${c % SYSTEMS}`,
        `  dependsOn: [${c > 0 ? `component:service-${c - 1}` : ""}]`,
      ].join("\n"),
    );
  }
  return `${docs.join("\n---\n")}\n`;
}

async function answered(url: string, apiKey: string): Promise<Answered[]> {
  const res = await fetch(`${url}/_emulator/requests`, { headers: { authorization: `Bearer ${apiKey}` } });
  if (!res.ok) throw new Error(`GET /_emulator/requests answered ${res.status}`);
  return ((await res.json()) as { requests: Answered[] }).requests;
}

function tally(list: Answered[]): { ok: number; writes: number; reads: number; throttled: number } {
  const sum = (test: (a: Answered) => boolean) => list.filter(test).reduce((total, a) => total + a.count, 0);
  return {
    ok: sum((a) => a.status < 300),
    writes: sum((a) => a.status < 300 && a.method !== "GET"),
    reads: sum((a) => a.status < 300 && a.method === "GET"),
    throttled: sum((a) => a.status === 429),
  };
}

export async function benchCatalogPush(): Promise<CatalogPushRow> {
  const catalog = parseCatalog([{ path: "bench/catalog.yaml", text: catalogText() }]);
  const entities = catalog.entities.length;
  if (entities !== GROUPS + SYSTEMS + COMPONENTS)
    throw new Error(`the bench catalog read as ${entities} entities`);
  const { capacity, refillPerSecond } = INCIDENT_IO_RATE_LIMIT;
  const server = await startEmulatorProcess([0, capacity, refillPerSecond]);
  try {
    const io = new IncidentIo({ apiKey: server.apiKey, baseUrl: server.url });
    const options = { syncId: SYNC_ID, kinds: DEFAULT_PUSH_KINDS };
    const started = performance.now();
    await pushCatalog(io, catalog, options);
    const seconds = (performance.now() - started) / 1000;
    const first = tally(await answered(server.url, server.apiKey));

    const againStarted = performance.now();
    await pushCatalog(io, catalog, options);
    const againSeconds = (performance.now() - againStarted) / 1000;
    const both = tally(await answered(server.url, server.apiKey));

    // Counted with the read-only key, whose bucket is its own.
    const reader = new IncidentIo({ apiKey: server.readKey, baseUrl: server.url });
    let entries = 0;
    let duplicates = 0;
    for (const type of await reader.catalogTypes.list()) {
      if (type.annotations[SYNC_ID_ANNOTATION] !== SYNC_ID) continue;
      const seen = new Set<string>();
      for await (const entry of reader.catalogEntries.list({ catalogTypeId: type.id })) {
        entries++;
        if (seen.has(entry.external_id ?? entry.id)) duplicates++;
        seen.add(entry.external_id ?? entry.id);
      }
    }
    const minimumSeconds = Math.max(0, (first.ok - capacity) / refillPerSecond);
    return {
      entities,
      calls: first.ok,
      seconds,
      minimumSeconds,
      ratio: minimumSeconds > 0 ? seconds / minimumSeconds : Number.NaN,
      throttled: first.throttled,
      entries,
      duplicates,
      again: { seconds: againSeconds, reads: both.reads - first.reads, writes: both.writes - first.writes },
    };
  } finally {
    await server.stop();
  }
}

export function printCatalogPush(row: CatalogPushRow): void {
  const fmt = (n: number, digits = 1) => n.toFixed(digits);
  console.log(
    `\nCatalog push: ${row.entities.toLocaleString("en-US")} entities (${GROUPS} Groups, ${SYSTEMS} Systems, ${COMPONENTS.toLocaleString("en-US")} Components) into the emulator in its own process at incident.io's limit (${INCIDENT_IO_RATE_LIMIT.capacity} burst + ${INCIDENT_IO_RATE_LIMIT.refillPerSecond}/s)`,
  );
  console.log("calls   seconds   minimum s   × minimum   target   429s   entries   duplicates");
  console.log(
    `${String(row.calls).padStart(5)} ${fmt(row.seconds).padStart(9)} ${fmt(row.minimumSeconds).padStart(11)} ${fmt(row.ratio, 3).padStart(11)} ${"≤1.05".padStart(8)} ${String(row.throttled).padStart(6)} ${String(row.entries).padStart(9)} ${String(row.duplicates).padStart(12)}`,
  );
  console.log(
    `Second push, nothing changed: ${row.again.reads} reads, ${row.again.writes} writes (target 0), ${fmt(row.again.seconds, 2)} s`,
  );
}
