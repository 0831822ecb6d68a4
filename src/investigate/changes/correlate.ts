import type { Catalog, CatalogEntity, EntityMapping } from "../../catalog/index.js";
import type { MirroredIncident } from "../../mirror/index.js";
import type { Store } from "../../store/index.js";
import type { Change } from "./change.js";
import { listChanges } from "./queries.js";
import { changeReason } from "./reasons.js";
import { ServiceNames } from "./services.js";

/** How far before an incident changes are looked for, unless told: 4 hours. */
export const DEFAULT_CHANGE_WINDOW_MS = 4 * 3_600_000;
/** The most changes one correlation lists. */
export const DEFAULT_CORRELATION_LIMIT = 50;
/**
 * How much a change outside production counts as a cause beside one in production: a staging deploy or a pull
 * request's preview seldom breaks what users see, but may (a shared database, a misrouted flag), so it is listed,
 * weighing a quarter.
 */
export const NON_PRODUCTION_WEIGHT = 0.25;

/** What correlation needs of the service directory: the catalog and the mapping of incidents to entities. */
export interface ChangeDirectory {
  readonly catalog: Catalog;
  readonly mapping: EntityMapping | undefined;
  entity(ref: string): CatalogEntity | undefined;
}

export interface CorrelatedChange {
  change: Change;
  /** The service the change was to: one of the incident's services or one of their dependencies (a ref). */
  service: string;
  /** The incident's services this one is a dependency of; empty when it is one of the incident's own. */
  dependencyOf: string[];
  /** How long before the incident was created the change happened (ms, never negative). */
  leadMs: number;
  /** "deploy to payments-api 25 min before", "deploy to payments-api in staging (not production) 5 min before". */
  reason: string;
  /** Whether it reached production; a change that names no environment is taken to have. */
  production: boolean;
  /** How much it counts as a cause: 1 in production, `NON_PRODUCTION_WEIGHT` elsewhere. */
  weight: number;
}

export interface ChangeCorrelation {
  /** The entity refs the incident maps to. */
  services: string[];
  /** Their declared dependencies (`spec.dependsOn`, one hop), less the incident's own services. */
  dependencies: string[];
  /** The window searched: `from` (inclusive) to the incident's creation `to` (inclusive), ISO 8601. */
  window: { from: string; to: string };
  /** Newest first. */
  changes: CorrelatedChange[];
}

export interface CorrelateOptions {
  /** Maps the incident to its services and knows their dependencies; without one, no services, no changes. */
  directory?: ChangeDirectory;
  /** How far back from the incident's creation to look; 4 hours unless told. */
  windowMs?: number;
  limit?: number;
}

/**
 * The changes that may have caused an incident: those to its services (the catalog entities it maps to) and to
 * their declared dependencies, one hop, in the window before the incident was created. The window's edges: a
 * change exactly `windowMs` before the creation is in, one at the very moment of creation is in, one after it
 * is out (it cannot have caused the incident). Newest first, each with its reason and its weight: a change
 * recorded as outside production (staging, a preview) weighs less, and its reason says where it went.
 */
export async function correlateChanges(
  store: Store,
  incident: MirroredIncident,
  options: CorrelateOptions = {},
): Promise<ChangeCorrelation> {
  const created = Date.parse(incident.createdAt);
  const windowMs = options.windowMs ?? DEFAULT_CHANGE_WINDOW_MS;
  const window = { from: new Date(created - windowMs).toISOString(), to: new Date(created).toISOString() };
  const directory = options.directory;
  const services = directory?.mapping?.entitiesFor(incident) ?? [];
  const dependents = new Map<string, string[]>();
  for (const service of services) {
    for (const dependency of directory?.entity(service)?.dependsOn ?? []) {
      if (services.includes(dependency)) continue;
      dependents.set(dependency, [...(dependents.get(dependency) ?? []), service]);
    }
  }
  const names = new ServiceNames(directory?.catalog.entities ?? []);
  // Spelling (lower case) → the service it denotes; the incident's own services win over dependencies.
  const targets = new Map<string, { service: string; dependencyOf: string[] }>();
  for (const [dependency, of] of dependents) {
    for (const alias of names.aliases(dependency))
      targets.set(alias.toLowerCase(), { service: dependency, dependencyOf: of });
  }
  for (const service of services) {
    for (const alias of names.aliases(service))
      targets.set(alias.toLowerCase(), { service, dependencyOf: [] });
  }
  const found = await listChanges(store, {
    services: [...targets.keys()],
    from: window.from,
    to: window.to,
    limit: options.limit ?? DEFAULT_CORRELATION_LIMIT,
  });
  const changes = found.flatMap((change): CorrelatedChange[] => {
    const target = targets.get(change.service.toLowerCase());
    if (target === undefined) return [];
    const leadMs = created - Date.parse(change.happenedAt);
    const reason = changeReason(change, target.service, target.dependencyOf, leadMs);
    const production = change.production !== false;
    const weight = production ? 1 : NON_PRODUCTION_WEIGHT;
    return [
      {
        change,
        service: target.service,
        dependencyOf: target.dependencyOf,
        leadMs,
        reason,
        production,
        weight,
      },
    ];
  });
  return { services, dependencies: [...dependents.keys()], window, changes };
}
