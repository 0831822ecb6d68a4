import type { Snapshot } from "../model.js";
import { demoAlertSources } from "./demo-alert-sources.js";
import { demoCatalog } from "./demo-catalog.js";
import { buildDemoOrganisation } from "./demo-organisation.js";
import { generateHistory } from "./incidents.js";
import { Random } from "./random.js";

export interface DemoOptions {
  /** The moment the history runs up to; defaults to the current time. */
  now?: number;
  /** Same seed and `now`, same organisation (API key tokens apart). */
  seed?: number;
}

const DAY = 24 * 60 * 60_000;

/**
 * The demo organisation with the failure family of every incident, so tests and evaluations of
 * similar-incident ranking know which incidents belong together.
 */
export function demoSnapshotWithLabels(opts: DemoOptions = {}): {
  snapshot: Snapshot;
  familyOf: Map<string, string>;
} {
  const now = opts.now ?? Date.now();
  const seed = opts.seed ?? 1;
  const rng = new Random(seed);
  // The organisation was set up shortly before the history starts.
  const setUpAt = now - 200 * DAY;
  const org = buildDemoOrganisation(rng, setUpAt);
  const history = generateHistory(rng, org, now);
  return {
    snapshot: {
      ...org.snapshot,
      ...demoCatalog(org.snapshot, seed, setUpAt),
      incidents: history.incidents,
      incident_updates: history.updates,
      alert_sources: demoAlertSources(seed, setUpAt),
      alerts: [],
    },
    familyOf: history.familyOf,
  };
}

/** Acme Cloud: a realistic organisation with six months of incident history. */
export function demoSnapshot(opts: DemoOptions = {}): Snapshot {
  return demoSnapshotWithLabels(opts).snapshot;
}
