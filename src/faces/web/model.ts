import { IncidentKitError } from "../../shared/errors.js";
import type { CatalogPageModel } from "./catalog-model.js";
import type { ChangesPageModel } from "./changes-model.js";
import type { AnalyticsPageModel, IncidentPageModel } from "./investigation-model.js";

/**
 * The web UI's view models: exactly what each page shows, as plain data. `WebData` is the one thing the routes
 * call; the hub implements it over the catalog, the mirror, the scorecards and the alert store.
 */

/** A severity as a person sees it; a higher rank is more severe, as incident.io orders severities. */
export interface SeverityLabel {
  name: string;
  rank: number;
}

/** A link to another entity, or to anything with a name. `url` null: shown as text. */
export interface NamedLink {
  name: string;
  /** The catalog reference (`group:default/payments-team`) when it is an entity. */
  ref: string | null;
  /** Where the name links to: an entity's page (`/services/…`) or an external `https` address. */
  url: string | null;
}

/** How an entity maps to incidents through the configured custom field. */
export interface MappingState {
  state: "mapped" | "unmapped";
  /** The incident.io account alias the entity's incidents come from. */
  account: string | null;
  /** The custom field value that maps here, when known: "Payments API". */
  value: string | null;
}

export interface ScorecardLevelBadge {
  scorecard: string;
  /** Null: not even the first level is reached. */
  level: string | null;
  /** Passed weight over total weight, 0 to 1. */
  score: number;
}

/** One row of the services list. */
export interface ServiceRow {
  /** `component:default/payments-api`. */
  ref: string;
  name: string;
  title: string | null;
  /** Component, System, Group. */
  kind: string;
  owner: NamedLink | null;
  system: NamedLink | null;
  openIncidents: number;
  /** The most severe severity among the open incidents; null when none is open. */
  worstOpenSeverity: SeverityLabel | null;
  scorecards: ScorecardLevelBadge[];
  mapping: MappingState;
}

export interface ServicesListModel {
  services: ServiceRow[];
  /** The organisation's severities, for the badges' colours. */
  severities: SeverityLabel[];
  /** The folder the catalog is read from, named in the empty state; null when none is configured. */
  catalogDir: string | null;
}

/** An incident as lists show it. */
export interface IncidentRow {
  id: string;
  /** "INC-123". */
  reference: string;
  name: string;
  status: { name: string; category: string };
  severity: SeverityLabel | null;
  /** standard, retrospective, test, tutorial. */
  mode: string;
  account: string;
  /** ISO 8601. */
  createdAt: string;
  resolvedAt: string | null;
  /** The incident's page in incident.io. */
  permalink: string | null;
  /** The catalog entities the incident maps to. */
  services: NamedLink[];
  /** Set on a private incident: shown only to those `auth.private_incidents` allows, marked private. */
  private?: true;
}

/** Time to resolve, over the incidents resolved within the window. Durations in seconds; null with none. */
export interface MttrSummary {
  windowDays: number;
  /** Incidents resolved in the window. */
  resolved: number;
  /** Incidents created in the window and still open. */
  open: number;
  meanSeconds: number | null;
  medianSeconds: number | null;
  p95Seconds: number | null;
}

/** Incidents created per calendar month (UTC), oldest month first, by severity. */
export interface MonthlyIncidents {
  /** Every severity that may appear in `counts`, least severe first. */
  severities: SeverityLabel[];
  months: Array<{
    /** "2026-06". */
    month: string;
    /** Severity name → incidents that month; "No severity" for incidents without one. */
    counts: Record<string, number>;
  }>;
}

export interface RuleView {
  level: string;
  name: string;
  description: string;
  outcome: "pass" | "fail" | "error";
  /** "3 incidents of severity >= Major in the past 90 days; at most 2 allowed". */
  explanation: string;
  /** What to do about a failing rule, when the scorecard says. */
  hint: string | null;
}

export interface ScorecardView {
  name: string;
  description: string;
  /** Level names, lowest first. */
  levels: string[];
  /** The level reached; null when the first level fails. */
  level: string | null;
  score: number;
  rules: RuleView[];
  /** The level above the one reached and its failing rules; null at the top level. */
  nextLevel: { name: string; failing: RuleView[] } | null;
  /**
   * Since when (ISO 8601) the entity holds `level` and what it held before, as the scheduled scorecard runs
   * recorded it; absent when none did or the recorded level is not the current one.
   */
  since?: { at: string; previous: string | null };
}

/** What the "Declare incident" form offers and pre-fills. */
export interface DeclareFormModel {
  /** The organisation's severities, least severe first; the form offers these. */
  severities: Array<{ id: string; name: string }>;
  /** The custom field the new incident gets so it maps to this service, e.g. Affected services = Payments API. */
  customField: { name: string; value: string } | null;
  /** The account the incident opens in. */
  account: string | null;
}

export interface ServicePageModel {
  entity: {
    ref: string;
    kind: string;
    name: string;
    title: string | null;
    description: string | null;
    type: string | null;
    lifecycle: string | null;
    tags: string[];
  };
  links: Array<{ title: string; url: string }>;
  /** Where the well-known annotations point (source, GitHub, docs, PagerDuty, Opsgenie); url null: shown as text. */
  annotationLinks: Array<{ label: string; text: string; url: string | null }>;
  owner: NamedLink | null;
  system: NamedLink | null;
  dependsOn: NamedLink[];
  mapping: MappingState;
  activeIncidents: IncidentRow[];
  history: Page<IncidentRow>;
  mttr: MttrSummary;
  incidentsPerMonth: MonthlyIncidents;
  scorecards: ScorecardView[];
  declare: DeclareFormModel;
  /**
   * A System's or Group's Components (its parts, or what it owns), whose incidents its page shows: incidents are
   * declared on them, so its page links to their forms instead of offering one. Empty for a Component.
   */
  parts: NamedLink[];
}

/** One page of a longer list; `page` counts from 1. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** The incidents list's filters; every one optional. */
export interface IncidentFilters {
  /** triage, live, learning, closed… */
  statusCategory?: string;
  /** A severity name. */
  severity?: string;
  /** An entity reference. */
  service?: string;
  account?: string;
  /** YYYY-MM-DD, inclusive. */
  createdFrom?: string;
  createdTo?: string;
  /** Words the reference, name or summary contain (any case). */
  text?: string;
  page: number;
}

export interface IncidentsListModel {
  filters: IncidentFilters;
  results: Page<IncidentRow>;
  /** What the filter controls offer. */
  options: {
    statusCategories: string[];
    severities: SeverityLabel[];
    services: Array<{ ref: string; name: string }>;
    accounts: string[];
  };
  /** Incidents in the mirror at all: tells "nothing matches" from "nothing synced yet". */
  mirrored: number;
}

export interface SyncAccountView {
  account: string;
  lastSuccessAt: string | null;
  /** Seconds since the last success; null before the first. */
  lagSeconds: number | null;
  /** The last failure; `failing` says whether it is still current. */
  lastError: { message: string; hint: string | null; at: string } | null;
  failing: boolean;
  /** Incidents the backfill has fetched so far, and how many it expects when known. */
  backfilled: number;
  backfillTotal: number | null;
  inProgress: boolean;
  /** Incidents mirrored from this account. */
  incidents: number;
}

export interface SyncPageModel {
  accounts: SyncAccountView[];
}

export interface AlertRow {
  id: string;
  /** ISO 8601. */
  receivedAt: string;
  source: string;
  dedupKey: string;
  title: string;
  /** firing, resolved. */
  status: string;
  severity: string | null;
  /** open_incident, record_only, suppressed… */
  decision: string | null;
  reason: string | null;
  rule: string | null;
  /** The group's incident; `private`: one the viewer may not see, shown without its reference or link. */
  incident: { reference: string; permalink: string | null } | "private" | null;
  /** Where the alert's calls to incident.io stand (the worst of them), with what it ran into and the fix; null when none. */
  delivery: { state: string; detail: string | null; fix: string | null } | null;
}

export interface AlertsPageModel {
  alerts: AlertRow[];
  /** The intake sources, for the filter. */
  sources: string[];
  filter: { source: string | null; limit: number };
}

export type DeclareField = "name" | "summary" | "severity" | "mode";

export interface DeclareInput {
  entityRef: string;
  name: string;
  summary: string;
  /** A severity ID from `DeclareFormModel.severities`. */
  severity: string;
  mode: "standard" | "test";
  /** Derived from the form that was submitted, so submitting it twice opens one incident. */
  idempotencyKey: string;
}

export interface DeclaredIncident {
  reference: string;
  permalink: string | null;
  /**
   * Whether this submission opened it: false when the same form had already declared it (a double submit, or a
   * retry after an answer that was lost), "unknown" when the hub's key may not list incidents to tell.
   */
  created: boolean | "unknown";
}

/**
 * incident.io (or the hub) refused the incident for a reason the person can fix: shown beside the form, with
 * messages for the fields named.
 */
export class DeclareError extends IncidentKitError {
  constructor(
    message: string,
    readonly fields: Partial<Record<DeclareField, string>> = {},
  ) {
    super({
      code: "invalid_argument",
      message,
      hint: "correct the fields named, then submit the form again",
    });
    this.name = "DeclareError";
  }
}

/** Everything the pages read and the one thing they write. */
/** Which incidents a viewer may see: the public ones, and (`private`) the private ones too. */
export interface IncidentAccess {
  private: boolean;
}

export interface WebData {
  services(): Promise<ServicesListModel>;
  /** Undefined when no entity has this reference. */
  service(ref: string, options: { historyPage: number }): Promise<ServicePageModel | undefined>;
  /** `access.private`: the private incidents too, for a viewer allowed them; never otherwise. */
  incidents(filters: IncidentFilters, access?: IncidentAccess): Promise<IncidentsListModel>;
  sync(): Promise<SyncPageModel>;
  /** Unless `access.private`, a private incident an alert names is withheld: the alert and its delivery stay. */
  alerts(filter: { source: string | null; limit: number }, access?: IncidentAccess): Promise<AlertsPageModel>;
  /** Opens the incident; throws `DeclareError` for a refusal the person can fix. */
  declareIncident(input: DeclareInput): Promise<DeclaredIncident>;
  /**
   * One incident by ID, reference or link; undefined when the mirror has none, or it is private and `access` does
   * not allow private incidents (so a guessed reference learns nothing). Absent: no incident pages.
   */
  incident?(ref: string, access?: IncidentAccess): Promise<IncidentPageModel | undefined>;
  /** The recorded changes, newest first, of a service (any spelling) and since a while back. Absent: no changes page. */
  changes?(query: { service?: string | undefined; since?: string | undefined }): Promise<ChangesPageModel>;
  /** How the catalog was read: its problems and skipped files. Absent: no catalog page. */
  catalogReport?(): Promise<CatalogPageModel>;
  /** Absent: no analytics page. */
  analytics?(query: {
    since?: string | undefined;
    by?: string | undefined;
    account?: string | undefined;
  }): Promise<AnalyticsPageModel>;
}
