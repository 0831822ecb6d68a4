/**
 * The service page over 50,000 mirrored incidents: a hub database on disk holding 50,000 incidents (generated from
 * a fixed seed, each with an API-sized JSON copy, mirrored an hour ago: a hub in its steady state) spread unevenly
 * over 1,000 catalog Components, the example scorecard, and the hub's web app in this process (`app.request`).
 * Times the busiest service's page: the first request (loading the mirror, mapping, scoring), then warm requests.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rulesFrom } from "../src/alerts/rules/testing.js";
import { IncidentIo } from "../src/api/index.js";
import { createEmulator } from "../src/emulator/index.js";
import { testSnapshot } from "../src/emulator/testing.js";
import { createHub } from "../src/hub/create-hub.js";
import { demoScorecardsDir } from "../src/hub/demo.js";
import { TEST_RULES, testHubConfig } from "../src/hub/testing.js";
import type { MirroredIncident } from "../src/mirror/incident.js";
import { listMirroredIncidents, upsertMirroredIncident } from "../src/mirror/index.js";
import { openSession } from "../src/ops/index.js";
import { openStore, type Store } from "../src/store/index.js";
import { median, percentile } from "./load.js";

const ENTITIES = 1_000;
const INCIDENTS = 50_000;
const WARM_RUNS = 200;
const DAY = 86_400_000;
const SEVERITIES = [
  { id: "sev-minor", name: "Minor", rank: 1 },
  { id: "sev-major", name: "Major", rank: 2 },
  { id: "sev-critical", name: "Critical", rank: 3 },
];
const FIELD = "Affected services";

export interface ServicePageBench {
  incidents: number;
  entities: number;
  /** Incidents of the service timed. */
  busiest: number;
  coldMs: number;
  warmP50Ms: number;
  warmP99Ms: number;
  /** The page after one incident changed: the directory maps and scores everything again. */
  afterChangeMs: number;
  /** Of which the directory's own recomputation (mapping and scorecards), before the page is built. */
  directoryMs: number;
  /** The services list (every entity), warm. */
  listP50Ms: number;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function catalogYaml(): string {
  const docs: string[] = [];
  for (let team = 0; team < 40; team++) {
    docs.push(
      `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: team-${team} }\nspec: { type: team }`,
    );
  }
  for (let system = 0; system < 20; system++) {
    docs.push(
      `apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: { name: system-${system} }\nspec: { owner: group:team-${system} }`,
    );
  }
  for (let i = 0; i < ENTITIES; i++) {
    docs.push(
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: service-${i}, title: Service ${i} }\nspec: { type: service, lifecycle: production, owner: group:team-${i % 40}, system: system-${i % 20} }`,
    );
  }
  return `${docs.join("\n---\n")}\n`;
}

/** Skewed: service 0 has the most incidents. A year of history, most resolved; an hour-old mirror copy. */
async function fill(store: Store, now: number): Promise<number> {
  const random = mulberry32(20261123);
  const mirroredAt = new Date(now - 3_600_000).toISOString();
  const padding = "x".repeat(1_500);
  let busiest = 0;
  await store.write(async (trx) => {
    for (let n = 0; n < INCIDENTS; n++) {
      const service = Math.floor(random() ** 2 * ENTITIES);
      if (service === 0) busiest++;
      const severity = SEVERITIES[random() < 0.6 ? 0 : random() < 0.8 ? 1 : 2] as (typeof SEVERITIES)[number];
      const created = now - Math.floor(random() * 365 * DAY);
      const open = now - created < 3 * DAY && random() < 0.5;
      const createdAt = new Date(created).toISOString();
      const incident: MirroredIncident = {
        id: `01BENCH${String(n).padStart(19, "0")}`,
        account: "bench",
        reference: `INC-${n + 1}`,
        name: `Service ${service} degraded (${n + 1})`,
        summary: null,
        severity,
        status: open
          ? { id: "st-fixing", name: "Fixing", category: "live" }
          : { id: "st-closed", name: "Closed", category: "closed" },
        type: null,
        mode: "standard",
        visibility: "public",
        createdAt,
        updatedAt: createdAt,
        resolvedAt: open
          ? null
          : new Date(created + Math.floor(random() * random() * 72 * 3_600_000)).toISOString(),
        permalink: `https://app.incident.io/bench/incidents/${n + 1}`,
        customFields: [
          {
            fieldId: "cf-services",
            fieldName: FIELD,
            values: [{ label: `Service ${service}`, id: `entry-${service}` }],
          },
        ],
      };
      await upsertMirroredIncident(trx, incident, { id: incident.id, padding }, mirroredAt);
    }
  });
  return busiest;
}

async function timed(request: () => Response | Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await request();
  await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`the page answered ${response.status}`);
  return ms;
}

export async function benchServicePage(): Promise<ServicePageBench> {
  const dir = mkdtempSync(join(tmpdir(), "incidentkit-bench-page-"));
  const emulator = await createEmulator({ ephemeral: true, snapshot: testSnapshot() });
  const baseUrl = await emulator.listen();
  const store = await openStore({ dataDir: join(dir, "hub") });
  try {
    mkdirSync(join(dir, "catalog"));
    writeFileSync(join(dir, "catalog", "catalog-info.yaml"), catalogYaml());
    const now = Date.now();
    const busiest = await fill(store, now);
    const admin = emulator.apiKeys().find((key) => key.roles.includes("global_access"));
    if (!admin) throw new Error("the emulator has an admin key");
    const io = new IncidentIo({ apiKey: admin.token, baseUrl, rateLimit: false });
    const hub = createHub({
      config: {
        ...testHubConfig(),
        catalog: { dir: join(dir, "catalog"), field: FIELD },
        scorecards: demoScorecardsDir(),
        mirror: { enabled: false, reconcileEveryMs: 60_000 },
      },
      store,
      rules: rulesFrom(TEST_RULES),
      session: openSession(io, { alias: "bench" }),
    });
    const page = () => hub.app.request(`/services/${encodeURIComponent("component:default/service-0")}`);
    const coldMs = await timed(page);
    const warm: number[] = [];
    for (let run = 0; run < WARM_RUNS; run++) warm.push(await timed(page));
    const changed = await listMirroredIncidents(store.db, {}, { limit: 1 });
    const [first] = changed;
    if (!first) throw new Error("the mirror has incidents");
    const updatedAt = new Date(Date.parse(first.updatedAt) + 1_000).toISOString();
    await upsertMirroredIncident(
      store.db,
      { ...first, updatedAt, name: `${first.name} (edited)` },
      {},
      new Date().toISOString(),
    );
    const directoryStarted = performance.now();
    await hub.directory.current();
    const directoryMs = performance.now() - directoryStarted;
    const afterChangeMs = await timed(page);
    const list: number[] = [];
    for (let run = 0; run < 20; run++) list.push(await timed(() => hub.app.request("/")));
    await hub.close();
    return {
      incidents: INCIDENTS,
      entities: ENTITIES,
      busiest,
      coldMs,
      warmP50Ms: median(warm),
      warmP99Ms: percentile(warm, 0.99),
      afterChangeMs: afterChangeMs + directoryMs,
      directoryMs,
      listP50Ms: median(list),
    };
  } finally {
    await store.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
