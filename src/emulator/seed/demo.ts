import type { Snapshot } from "../model.js";
import { demoAlertSources } from "./demo-alert-sources.js";
import { demoAttachments } from "./demo-attachments.js";
import { demoCatalog } from "./demo-catalog.js";
import { demoWork } from "./demo-follow-ups.js";
import { DemoLookup } from "./demo-lookup.js";
import { demoMemberships } from "./demo-memberships.js";
import { demoOnCall } from "./demo-oncall.js";
import { buildDemoOrganisation } from "./demo-organisation.js";
import { demoPostmortems } from "./demo-postmortems.js";
import { demoWorkflows } from "./demo-workflows.js";
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
  const onCall = demoOnCall(org.snapshot.users, org.teamEntryId, seed, setUpAt, now);
  const snapshot: Snapshot = {
    ...org.snapshot,
    ...demoCatalog(org.snapshot, seed, setUpAt, onCall.byTeam),
    incidents: history.incidents,
    incident_updates: history.updates,
    alert_sources: demoAlertSources(seed, setUpAt),
    alerts: [],
    incident_attachments: [],
    incident_relationships: [],
    postmortem_documents: [],
    workflows: [],
    workflow_runs: [],
    ...demoWork(org.snapshot, history.incidents, history.familyOf, seed, now),
    incident_memberships: demoMemberships(history.incidents, seed),
    schedules: onCall.schedules,
    schedule_overrides: onCall.schedule_overrides,
    escalation_paths: onCall.escalation_paths,
    escalations: [],
  };
  // Built on the finished history, each from a generator of its own.
  const lookup = new DemoLookup(snapshot);
  Object.assign(snapshot, demoAttachments(lookup, history.familyOf, seed, now));
  snapshot.postmortem_documents = demoPostmortems(lookup, history.familyOf, seed, now);
  Object.assign(snapshot, demoWorkflows(lookup, seed, setUpAt, now));
  return { snapshot, familyOf: history.familyOf };
}

/** Acme Cloud: a realistic organisation with six months of incident history. */
export function demoSnapshot(opts: DemoOptions = {}): Snapshot {
  return demoSnapshotWithLabels(opts).snapshot;
}
