import type { CatalogEntity } from "../catalog/index.js";
import {
  type Catalog,
  type CatalogConfig,
  catalogAccounts,
  EntityMapping,
  emptyCatalog,
  loadCatalogDir,
} from "../catalog/index.js";
import {
  type RankOptions,
  rankSimilar,
  SimilarIndex,
  type SimilarQuery,
  type SimilarResults,
} from "../investigate/similar/index.js";
import type { MirroredIncident } from "../mirror/index.js";
import {
  evaluateScorecards,
  loadScorecards,
  type Scorecard,
  type ScorecardResult,
  type SeverityDefinition,
} from "../scorecards/index.js";
import type { Clock } from "../shared/clock.js";
import { ConfigError, messageOf } from "../shared/errors.js";
import type { Store } from "../store/index.js";
import { IncidentCache } from "./incident-cache.js";

export interface ServiceDirectoryOptions {
  store: Store;
  clock: Clock;
  /** The catalog and the field mapping incidents to it; none: no services. */
  catalog?: CatalogConfig | undefined;
  /** A scorecard file or folder; none: no scorecards. */
  scorecards?: string | undefined;
  /** The account of entities without an `incidentkit.io/account` annotation (the hub's); none: any account. */
  account?: string | undefined;
  /**
   * The accounts whose incidents the directory holds besides those its catalog names (the hub's own); given,
   * incidents of any other account in the mirror are left out. None: every account's.
   */
  served?: readonly string[] | undefined;
}

/** What the directory knows at one moment: derived from the incidents as of `version`. */
export interface DirectorySnapshot {
  version: number;
  /** When it was computed (ms): rules over "the past 90 days" move with the clock. */
  at: number;
  /** Incidents by the entity refs they map to. */
  byEntity: Map<string, MirroredIncident[]>;
  /** Refs of the entities some field value maps to (`has_mapping`). */
  mapped: Set<string>;
  /** The organisation's severities as the mirror has seen them, least severe first. */
  severities: SeverityDefinition[];
  scorecards: ScorecardResult[];
}

/** How long scorecard results stand while no incident changes: windows like "the past 90 days" move on. */
const MAX_SNAPSHOT_AGE_MS = 60_000;

/** A scorecard file at fault: the hub does not start on scorecards it cannot read. */
export class DirectoryError extends ConfigError {
  constructor(readonly problems: string[]) {
    super(
      "scorecards",
      `the scorecards have errors:\n${problems.map((p) => `  ${p}`).join("\n")}`,
      "correct the scorecard file at the line named, then try again",
    );
    this.name = "DirectoryError";
  }
}

/**
 * The services the hub knows: the catalog, its entities' incidents from the mirror (mapped through the configured
 * custom field), and their scorecard results. Catalog and scorecards are read once, when it opens; incidents are
 * read from the mirror as they change, and everything derived from them is recomputed only then.
 */
export class ServiceDirectory {
  private readonly cache: IncidentCache;
  private snapshot: DirectorySnapshot | undefined;
  /** Every mirrored incident's words, services and severity, for similar-incident queries. */
  private readonly similar: SimilarIndex;

  private constructor(
    private readonly options: ServiceDirectoryOptions,
    readonly catalog: Catalog,
    readonly mapping: EntityMapping | undefined,
    readonly scorecards: Scorecard[],
  ) {
    this.similar = new SimilarIndex(options.catalog ? { serviceFields: [options.catalog.field] } : {});
    this.cache = new IncidentCache(
      options.store,
      options.clock,
      options.served === undefined ? undefined : [...new Set([...options.served, ...this.accounts()])],
      (incident) => this.similar.upsert(incident),
      (incident) => this.similar.remove(incident),
    );
  }

  /**
   * Reads the catalog and scorecards; throws `DirectoryError` naming each scorecard file and line at fault. A
   * catalog's problems do not stop it: an entity with an error is left out, and `catalog.problems` lists them all.
   */
  static open(options: ServiceDirectoryOptions): ServiceDirectory {
    const catalog: Catalog = options.catalog ? loadCatalogDir(options.catalog.dir) : emptyCatalog();
    let scorecards: Scorecard[] = [];
    if (options.scorecards !== undefined) {
      try {
        scorecards = loadScorecards(options.scorecards);
      } catch (error) {
        throw new DirectoryError([messageOf(error)]);
      }
    }
    const mapping = options.catalog
      ? new EntityMapping(catalog.entities, {
          field: options.catalog.field,
          defaultAccount: options.account,
        })
      : undefined;
    return new ServiceDirectory(options, catalog, mapping, scorecards);
  }

  /**
   * The accounts the catalog's entities live in (`incidentkit.io/account`, else the default account), each once;
   * none without a default account and annotations.
   */
  accounts(): string[] {
    return catalogAccounts(this.catalog.entities, this.options.account);
  }

  /** The entity with this ref (`component:default/payments-api`), if the catalog has it. */
  entity(ref: string): CatalogEntity | undefined {
    return this.catalog.entities.find((entity) => entity.ref === ref);
  }

  /** Every mirrored public incident, as of the last `current()`: private incidents are never among them. */
  incidents(): IterableIterator<MirroredIncident> {
    return this.cache.all();
  }

  /**
   * The mirrored private incidents, as of the last `current()`: to say why one asked for by name is not shown,
   * and for the web UI's incident list and page, to those `auth.private_incidents` allows. Nothing derived from
   * incidents (similar incidents, findings, analytics, scorecards) may use them.
   */
  privateIncidents(): IterableIterator<MirroredIncident> {
    return this.cache.hiddenIncidents();
  }

  /** Changes whenever a private incident was added, changed, or made public. */
  get privateVersion(): number {
    return this.cache.hiddenVersion;
  }

  /** Past incidents like the query's, from the mirror as it is now, ranked with their reasons. */
  async findSimilar(query: SimilarQuery, options: RankOptions = {}): Promise<SimilarResults> {
    await this.cache.refresh();
    return rankSimilar(this.similar, query, { clock: this.options.clock, ...options });
  }

  /** Brings the incidents up to date and returns what derives from them, recomputed only when they changed. */
  async current(): Promise<DirectorySnapshot> {
    await this.cache.refresh();
    const now = this.options.clock.now();
    if (this.snapshot?.version === this.cache.version && now - this.snapshot.at < MAX_SNAPSHOT_AGE_MS) {
      return this.snapshot;
    }
    const version = this.cache.version;
    const incidents = [...this.cache.all()];
    const byEntity = this.mapping?.incidentsByEntity(incidents) ?? new Map<string, MirroredIncident[]>();
    const mapped = this.mapping?.mappedEntities(this.mapping.valuesOf(incidents)) ?? new Set<string>();
    const severities = severitiesOf(incidents);
    const scorecards = evaluateScorecards(this.scorecards, {
      subjects: this.catalog.entities.map((entity) => ({
        entity,
        incidents: byEntity.get(entity.ref) ?? [],
        hasMapping: mapped.has(entity.ref),
      })),
      severities,
      now,
    });
    this.snapshot = { version, at: now, byEntity, mapped, severities, scorecards };
    return this.snapshot;
  }
}

/** The severities incidents carry, by rank, least severe first. */
function severitiesOf(incidents: Iterable<MirroredIncident>): SeverityDefinition[] {
  const byName = new Map<string, SeverityDefinition>();
  for (const incident of incidents) {
    if (incident.severity) byName.set(incident.severity.name, incident.severity);
  }
  return [...byName.values()].sort((a, b) => a.rank - b.rank);
}
