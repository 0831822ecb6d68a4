import type { Snapshot } from "../model.js";
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
  const rng = new Random(opts.seed ?? 1);
  // The organisation was set up shortly before the history starts.
  const org = buildDemoOrganisation(rng, now - 200 * DAY);
  const history = generateHistory(rng, org, now);
  return {
    snapshot: { ...org.snapshot, incidents: history.incidents, incident_updates: history.updates },
    familyOf: history.familyOf,
  };
}

/** Acme Cloud: a realistic organisation with six months of incident history. */
export function demoSnapshot(opts: DemoOptions = {}): Snapshot {
  return demoSnapshotWithLabels(opts).snapshot;
}
