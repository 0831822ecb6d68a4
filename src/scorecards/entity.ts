import type { MirroredIncident } from "../mirror/incident.js";

/** What a scorecard reads of a catalog entity; the catalog's own entity type fits it. */
export interface ScoredEntity {
  /** A stable reference, e.g. "component:default/payments-api". */
  ref: string;
  name: string;
  title?: string | null;
  /** Component, System, Group… */
  kind: string;
  /** spec.type: service, website, library… */
  type?: string | null;
  owner?: string | null;
  system?: string | null;
  lifecycle?: string | null;
  tags?: readonly string[];
  annotations?: Readonly<Record<string, string>>;
}

/** One entity to score: the entity, the incidents mapped to it, and whether it maps to incident.io at all. */
export interface ScoringSubject {
  entity: ScoredEntity;
  incidents: readonly MirroredIncident[];
  hasMapping: boolean;
}

/** A severity as the organisation defines it: higher rank is more severe. */
export interface SeverityDefinition {
  name: string;
  rank: number;
}
