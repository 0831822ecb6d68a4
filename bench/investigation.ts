/**
 * Webhook to findings: the emulator (its own process, the demo organisation) opens an incident and sends its
 * signed webhook to the hub (createHub in this process, the demo catalog, the demo organisation mirrored),
 * which investigates it and appends the findings to the incident's summary. Each incident is timed from the
 * emulator's answer to its create to the findings being in the summary, read back through the API.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IncidentIo } from "../src/api/index.js";
import { DEFAULT_CATALOG_FIELD } from "../src/catalog/config.js";
import { demoCatalogDir } from "../src/catalog/demo.js";
import { generateSecret } from "../src/emulator/webhooks/endpoints.js";
import { DEFAULT_MAX_ALERTS, DEFAULT_MAX_BODY_BYTES, DEFAULT_RETENTION_MS } from "../src/hub/config.js";
import { demoRules } from "../src/hub/demo.js";
import { createHub, WEBHOOK_PATH } from "../src/hub/index.js";
import { FINDINGS_TITLE } from "../src/investigate/investigation/index.js";
import { countMirroredIncidents } from "../src/mirror/index.js";
import { openSession } from "../src/ops/index.js";
import { createLogger } from "../src/shared/logger.js";
import { openStore } from "../src/store/index.js";
import { startEmulatorProcess } from "./spawn.js";

const INCIDENTS = 30;

export interface InvestigationBenchResult {
  incidents: number;
  found: number;
  mirrored: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Reports with at least one similar incident. */
  withSimilar: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

export async function benchInvestigation(): Promise<InvestigationBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "incidentkit-investigation-bench-"));
  const store = await openStore({ dataDir: dir });
  const emulator = await startEmulatorProcess([0]);
  const secret = generateSecret();
  const io = new IncidentIo({ apiKey: emulator.apiKey, baseUrl: emulator.url, rateLimit: false });
  const hub = createHub({
    config: {
      file: "bench",
      listen: { host: "127.0.0.1", port: 0 },
      dataDir: dir,
      database: { dataDir: dir },
      rateLimit: { capacity: 1200, refillPerSecond: 20 },
      rulesFile: "bench",
      sources: [
        {
          name: "generic",
          format: "generic",
          token: "bench-token-0123456789",
          maxAlerts: DEFAULT_MAX_ALERTS,
          maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
        },
      ],
      adminTokenEnv: "HUB_ADMIN_TOKEN",
      catalog: { dir: demoCatalogDir(), field: DEFAULT_CATALOG_FIELD },
      webhookSecret: secret,
      mirror: { enabled: true, reconcileEveryMs: 3_600_000 },
      alerts: { retentionMs: DEFAULT_RETENTION_MS },
      investigations: { auto: true, includeTest: true, publish: { summary: true, slack: false } },
    },
    store,
    rules: demoRules(),
    session: openSession(io, { alias: "bench" }),
    logger: createLogger({ name: "hub", pretty: process.stderr.isTTY === true }),
  });
  const auth = { Authorization: `Bearer ${emulator.apiKey}`, "Content-Type": "application/json" };
  try {
    const hubUrl = await hub.start();
    const total = emulator.incidentIds.length;
    const deadline = Date.now() + 60_000;
    while ((await countMirroredIncidents(store.db, { account: "bench" })) < total && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const mirrored = await countMirroredIncidents(store.db, { account: "bench" });
    const registered = await fetch(`${emulator.url}/_emulator/webhook_endpoints`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ url: `${hubUrl}${WEBHOOK_PATH}`, secret }),
    });
    if (registered.status !== 201) throw new Error(`registering the endpoint answered ${registered.status}`);
    // Names of past incidents, so the new ones have a history to be compared with.
    const past = await Promise.all(emulator.incidentIds.slice(-INCIDENTS).map((id) => io.incidents.show(id)));
    const severity = (await io.severities.list()).sort((a, b) => b.rank - a.rank)[0];
    const times: number[] = [];
    let withSimilar = 0;
    for (const [index, template] of past.entries()) {
      const response = await fetch(`${emulator.url}/v2/incidents`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({
          idempotency_key: `bench-investigation-${index}-${Date.now()}`,
          visibility: "public",
          name: template.name,
          summary: "Opened by the investigation benchmark.",
          ...(severity ? { severity_id: severity.id } : {}),
        }),
      });
      const answered = performance.now();
      if (response.status >= 300) throw new Error(`create answered ${response.status}`);
      const { incident } = (await response.json()) as { incident: { id: string } };
      const until = Date.now() + 15_000;
      while (Date.now() < until) {
        const current = await io.incidents.show(incident.id);
        if (current.summary?.includes(FINDINGS_TITLE)) {
          times.push(performance.now() - answered);
          if (!current.summary.includes("None above the similarity threshold")) withSimilar += 1;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    times.sort((a, b) => a - b);
    return {
      incidents: INCIDENTS,
      found: times.length,
      mirrored,
      p50Ms: percentile(times, 50),
      p95Ms: percentile(times, 95),
      maxMs: times.at(-1) ?? Number.NaN,
      withSimilar,
    };
  } finally {
    await hub.close();
    await emulator.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
