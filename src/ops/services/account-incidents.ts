import type { MirroredIncident } from "../../mirror/index.js";
import type { DirectorySnapshot, ServiceDirectory } from "./directory.js";

/** Incidents of one account, overall and by entity. */
export interface AccountIncidents {
  incidents: MirroredIncident[];
  byEntity: Map<string, MirroredIncident[]>;
}

/**
 * The directory's incidents of one account, overall and by the entities they map to, as of `snapshot`; every
 * account's when `account` is undefined. What analytics report on: organisations are never pooled.
 */
export function incidentsOfAccount(
  directory: Pick<ServiceDirectory, "incidents">,
  snapshot: Pick<DirectorySnapshot, "byEntity">,
  account: string | undefined,
): AccountIncidents {
  const incidents = [...directory.incidents()];
  if (account === undefined) return { incidents, byEntity: snapshot.byEntity };
  const mine = (incident: MirroredIncident) => incident.account === account;
  return {
    incidents: incidents.filter(mine),
    byEntity: new Map([...snapshot.byEntity].map(([ref, list]) => [ref, list.filter(mine)] as const)),
  };
}
