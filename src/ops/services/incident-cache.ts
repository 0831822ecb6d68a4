import { listMirroredIncidents, type MirroredIncident } from "../../mirror/index.js";
import type { Clock } from "../../shared/clock.js";
import type { Store } from "../../store/index.js";

/**
 * How far back each refresh re-reads: a row's `mirrored_at` is stamped before its transaction commits (group
 * commit may hold it a moment), so a refresh must not take "now" as the point it has seen everything up to.
 */
const OVERLAP_MS = 5_000;

/**
 * Every mirrored incident, held in memory and brought up to date from the rows written since the last look, so
 * a page over 50,000 incidents does not read them all from the database each time. `version` changes whenever
 * an incident was added or changed, so work derived from the incidents can be cached against it.
 */
export class IncidentCache {
  private readonly incidents = new Map<string, MirroredIncident>();
  private since: string | undefined;
  private loading: Promise<void> | undefined;
  #version = 0;

  /** `onChange` is told each incident added or changed, as a refresh finds it. */
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly onChange: (incident: MirroredIncident) => void = () => {},
  ) {}

  get version(): number {
    return this.#version;
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

  get(id: string): MirroredIncident | undefined {
    return this.incidents.get(id);
  }

  private async load(): Promise<void> {
    const startedAt = this.clock.now();
    const changed = await listMirroredIncidents(
      this.store.db,
      this.since === undefined ? {} : { mirroredSince: this.since },
    );
    for (const incident of changed) {
      const known = this.incidents.get(incident.id);
      if (
        known === undefined ||
        known.updatedAt !== incident.updatedAt ||
        known.reference !== incident.reference
      ) {
        this.incidents.set(incident.id, incident);
        this.#version += 1;
        this.onChange(incident);
      }
    }
    this.since = new Date(startedAt - OVERLAP_MS).toISOString();
  }
}
