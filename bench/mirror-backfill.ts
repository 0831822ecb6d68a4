import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IncidentIo } from "../src/api/index.js";
import { backfill, countMirroredIncidents } from "../src/mirror/index.js";
import { openStore } from "../src/store/index.js";
import { startEmulatorProcess } from "./spawn.js";

const INCIDENTS = 20_000;

export interface MirrorBackfillResult {
  incidents: number;
  mirrored: number;
  calls: number;
  /** Calls by `METHOD /path`. */
  byRoute: Record<string, number>;
  seconds: number;
  perSecond: number;
}

/**
 * Backfills 20,000 incidents from an emulator in its own process (over real HTTP, persisting to SQLite) into a
 * fresh hub database on disk, through the client as the mirror uses it (default pacing, one severities listing).
 */
export async function benchMirrorBackfill(): Promise<MirrorBackfillResult> {
  const server = await startEmulatorProcess([INCIDENTS]);
  const dir = mkdtempSync(join(tmpdir(), "incidentkit-bench-mirror-"));
  try {
    const byRoute: Record<string, number> = {};
    const counting: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const route = `${(init?.method ?? "GET").toUpperCase()} ${url.pathname}`;
      byRoute[route] = (byRoute[route] ?? 0) + 1;
      return fetch(input, init);
    };
    const io = new IncidentIo({ apiKey: server.apiKey, baseUrl: server.url, fetch: counting });
    const store = await openStore({ dataDir: dir });
    try {
      const started = performance.now();
      const result = await backfill(store, { alias: "bench", io });
      const seconds = (performance.now() - started) / 1000;
      return {
        incidents: result.fetched,
        mirrored: await countMirroredIncidents(store.db, { account: "bench" }),
        calls: Object.values(byRoute).reduce((sum, n) => sum + n, 0),
        byRoute,
        seconds,
        perSecond: result.fetched / seconds,
      };
    } finally {
      await store.close();
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
