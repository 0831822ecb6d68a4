import { incidentKey, listMirroredIncidents, type MirroredIncident } from "../mirror/index.js";
import type { Clock } from "../shared/clock.js";
import type { Store } from "../store/index.js";

/**
 * How far back each refresh re-reads: a row's `mirrored_at` is stamped before its transaction commits (group
 * commit may hold it a moment), so a refresh must not take "now" as the point it has seen everything up to.
 */
const OVERLAP_MS = 5_000;

/**
 * Every mirrored public incident, held in memory and brought up to date from the rows written since the last
 * look, so a page over 50,000 incidents does not read them all from the database each time. `version` changes
 * whenever an incident was added, changed or withdrawn, so work derived from the incidents can be cached against it.
 *
 * Private incidents are kept apart: nothing the hub derives from its incidents (similar incidents, findings,
 * analytics, scorecards, pages, MCP answers) ever sees them, and an incident made private is withdrawn from
 * all of it. `hiddenIncidents` only tells a person asking for one by name why the hub will not show it, and gives
 * the web UI's incident list and page to those `auth.private_incidents` allows.
 */
export class IncidentCache {
  private readonly incidents = new Map<string, MirroredIncident>();
  private readonly hidden = new Map<string, MirroredIncident>();
  private since: string | undefined;
  private loading: Promise<void> | undefined;
  #version = 0;
  #hiddenVersion = 0;

  /**
   * Only `accounts`' incidents, when given. `onChange` is told each public incident added or changed and
   * `onWithdrawn` each made private, as found. Incidents are held by account and ID.
   */
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly accounts: readonly string[] | undefined,
    private readonly onChange: (incident: MirroredIncident) => void = () => {},
    private readonly onWithdrawn: (incident: MirroredIncident) => void = () => {},
  ) {}

  get version(): number {
    return this.#version;
  }

  /** Changes whenever a private incident was added, changed, or made public. */
  get hiddenVersion(): number {
    return this.#hiddenVersion;
  }

  /** Reads what changed in the mirror since the last refresh; concurrent callers share one read. */
  refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  /** Every incident, as of the last refresh. */
  all(): IterableIterator<MirroredIncident> {
    return this.incidents.values();
  }

  /** The private incidents the mirror holds: only to say why one asked for by name is not shown. */
  hiddenIncidents(): IterableIterator<MirroredIncident> {
    return this.hidden.values();
  }

  private async load(): Promise<void> {
    const startedAt = this.clock.now();
    // The accounts are kept to here, not in the query: asked for both, the database would read every row of the
    // accounts (their index) rather than the few changed since the last look (the mirrored_at index).
    const changed = await listMirroredIncidents(
      this.store.db,
      this.since === undefined ? {} : { mirroredSince: this.since },
    );
    for (const incident of changed) {
      if (this.accounts !== undefined && !this.accounts.includes(incident.account)) continue;
      const key = incidentKey(incident);
      if (incident.visibility === "private") {
        const was = this.hidden.get(key);
        if (was === undefined || was.updatedAt !== incident.updatedAt || was.reference !== incident.reference)
          this.#hiddenVersion += 1;
        this.hidden.set(key, incident);
        if (this.incidents.delete(key)) {
          this.#version += 1;
          this.onWithdrawn(incident);
        }
        continue;
      }
      if (this.hidden.delete(key)) this.#hiddenVersion += 1;
      const known = this.incidents.get(key);
      if (
        known === undefined ||
        known.updatedAt !== incident.updatedAt ||
        known.reference !== incident.reference
      ) {
        this.incidents.set(key, incident);
        this.#version += 1;
        this.onChange(incident);
      }
    }
    this.since = new Date(startedAt - OVERLAP_MS).toISOString();
  }
}
