import type { MirroredIncident } from "../mirror/index.js";

/** Incidents of one account, overall and by entity. */
export interface AccountIncidents<T = MirroredIncident> {
  incidents: T[];
  byEntity: ReadonlyMap<string, readonly T[]>;
}

/**
 * The directory's incidents of one account, overall and by the entities they map to, as of `snapshot`; every
 * account's when `account` is undefined. What analytics report on: organisations are never pooled.
 */
export function incidentsOfAccount<T extends { account: string } = MirroredIncident>(
  directory: { incidents(): Iterable<T> },
  snapshot: { byEntity: ReadonlyMap<string, readonly T[]> },
  account: string | undefined,
): AccountIncidents<T> {
  const incidents = [...directory.incidents()];
  if (account === undefined) return { incidents, byEntity: snapshot.byEntity };
  const mine = (incident: T) => incident.account === account;
  return {
    incidents: incidents.filter(mine),
    byEntity: new Map([...snapshot.byEntity].map(([ref, list]) => [ref, list.filter(mine)] as const)),
  };
}
