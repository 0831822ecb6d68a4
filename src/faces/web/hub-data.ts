import { IncidentKitError } from "../../api/index.js";
import type { DirectorySnapshot, ServiceDirectory } from "../../app/directory.js";
import type { HubAccounts } from "../../app/hub-accounts.js";
import { findMirroredIncident } from "../../app/mirrored-incident.js";
import { PrivateIncidentMentions } from "../../app/private-mentions.js";
import type { CatalogConfig, CatalogEntity } from "../../catalog/index.js";
import type { PriorityMapping } from "../../investigate/analytics/index.js";
import { ServiceNames } from "../../investigate/changes/index.js";
import { latestInvestigation } from "../../investigate/investigation/index.js";
import type { FindingsReport } from "../../investigate/report.js";
import { declareIncident } from "../../ops/index.js";
import { levelHistory } from "../../scorecards/levels-store.js";
import type { Clock } from "../../shared/clock.js";
import type { Store } from "../../store/index.js";
import type { CatalogPageModel } from "./catalog-model.js";
import type { ChangesPageModel } from "./changes-model.js";
import { alertRows } from "./hub-data/alerts.js";
import {
  type AnalyticsInput,
  analyticsData,
  analyticsModel,
  analyticsQuery,
} from "./hub-data/analytics-page.js";
import type { AnalyticsThread } from "./hub-data/analytics-worker.js";
import { CatalogIndex } from "./hub-data/catalog-index.js";
import { catalogPage } from "./hub-data/catalog-page.js";
import { changesPage } from "./hub-data/changes.js";
import { declareRefusal, fieldValueToSend } from "./hub-data/declare.js";
import { incidentPage } from "./hub-data/incident-page.js";
import { incidentsList } from "./hub-data/incidents.js";
import { OrgSettings, type OrgSeverity } from "./hub-data/org.js";
import { displayName } from "./hub-data/rows.js";
import { fieldValueOf, type ServiceContext, servicePage, serviceRow } from "./hub-data/services.js";
import { syncPage } from "./hub-data/sync.js";
import { DirectoryView } from "./hub-data/view.js";
import type { AnalyticsPageModel, IncidentPageModel } from "./investigation-model.js";
import {
  type AlertsPageModel,
  type DeclaredIncident,
  DeclareError,
  type DeclareInput,
  type IncidentAccess,
  type IncidentFilters,
  type IncidentsListModel,
  type ServicePageModel,
  type ServicesListModel,
  type SyncPageModel,
  type WebData,
} from "./model.js";

export interface HubWebDataOptions {
  /** The catalog, its incidents from the mirror and their scorecard results. */
  directory: ServiceDirectory;
  /** The hub's database: alert history and sync status. */
  store: Store;
  /**
   * The accounts the hub serves: an entity's incidents are declared in its account, with that organisation's
   * settings; an incident's timeline is read from its account.
   */
  accounts: HubAccounts;
  /** The hub's intake sources, for the alert history's filter. */
  sources: readonly string[];
  clock: Clock;
  /** The catalog setting: its folder (named when the catalog is empty) and the custom field. */
  catalog?: CatalogConfig;
  /** The incident mirror: its accounts, and a re-read of one incident so a declared one shows at once. */
  mirror?: { readonly accounts: readonly string[]; refresh(account: string, id: string): Promise<unknown> };
  /** Told of failures that do not stop a page (a mirror refresh after a declare). */
  onError?: (error: unknown) => void;
  /** Severity → priority; default by the severities' names, else their ranks. */
  priorities?: PriorityMapping;
  /** The findings an incident's page shows; default the report of its latest stored investigation. */
  findings?: (incidentId: string) => Promise<FindingsReport | null>;
  /** How long an incident page waits for incident.io's updates (default 3 s). */
  timelineWaitMs?: number;
  /** Where analytics are worked out, off the event loop; absent: on it. */
  analyticsThread?: AnalyticsThread;
  /**
   * How long (ms, by `clock`) the analytics page may answer from the incidents as last read before it looks for
   * changed ones again; default 0, every request. Looking costs a database query, which hundreds of requests a
   * second for a page over years of incidents need not each make.
   */
  analyticsFreshMs?: number;
}

/** The mirror's severities carry their IDs; the declare form needs them when incident.io cannot be asked. */
function mirroredSeverities(snapshot: DirectorySnapshot): OrgSeverity[] {
  return snapshot.severities.flatMap((severity) => {
    const id = (severity as { id?: unknown }).id;
    return typeof id === "string" ? [{ id, name: severity.name, rank: severity.rank }] : [];
  });
}

/**
 * The web UI's data from the hub: the service directory's snapshot (catalog, mirrored incidents grouped by entity,
 * scorecard results), the alert store, the mirror's sync status, and the hub's incident.io session to declare
 * incidents in. Everything a page derives from a snapshot is worked out once per snapshot (see `DirectoryView`),
 * so a service page reads only its own entity's incidents, already grouped and sorted.
 */
export class HubWebData implements WebData {
  private readonly catalog: CatalogIndex;
  /** The spellings a change's service may be stored under, as the changes API reads them. */
  private readonly serviceNames: ServiceNames;
  /** Each account's severities and custom field, by alias. */
  private readonly orgs: ReadonlyMap<string, OrgSettings>;
  /** The account of entities without an `incidentkit.io/account` annotation. */
  private readonly account: string;
  private readonly descriptions: ReadonlyMap<string, string>;
  private readonly views = new WeakMap<DirectorySnapshot, DirectoryView>();
  /** The view last read, and when it was read (by `clock`). */
  private lastView: { view: DirectoryView; at: number } | undefined;
  /** Each public view with the private incidents added, as of the private incidents' version. */
  private readonly privateViews = new WeakMap<DirectoryView, { version: number; view: DirectoryView }>();
  /** The private incidents whose mentions the alerts page withholds, as of the private incidents' version. */
  private mentions: { version: number; value: PrivateIncidentMentions } | undefined;

  constructor(private readonly options: HubWebDataOptions) {
    const { directory } = options;
    this.catalog = new CatalogIndex(directory.catalog.entities);
    this.serviceNames = new ServiceNames(directory.catalog.entities);
    const { accounts } = options;
    this.orgs = new Map(
      accounts.sessions().map((session) => [session.alias, new OrgSettings(session, options.catalog?.field)]),
    );
    this.account = options.catalog?.account ?? accounts.primary.alias;
    this.descriptions = new Map(directory.scorecards.map((card) => [card.name, card.description]));
  }

  /** The directory's view as of now, or as of `freshMs` ago at most (then without reading the mirror). */
  private async view(freshMs = 0): Promise<DirectoryView> {
    const { directory, clock } = this.options;
    const startedAt = clock.now();
    if (this.lastView !== undefined && startedAt - this.lastView.at < freshMs) return this.lastView.view;
    const snapshot = await directory.current();
    let view = this.views.get(snapshot);
    if (!view) {
      view = new DirectoryView(
        snapshot,
        [...directory.incidents()],
        this.catalog,
        directory.mapping,
        this.descriptions,
        this.options.accounts.several,
      );
      this.views.set(snapshot, view);
    }
    this.lastView = { view, at: startedAt };
    return view;
  }

  /**
   * `view` with the private incidents added, when `access` allows them; else `view` itself. For the incident list
   * and page alone: the snapshot's scorecards, severities and similar incidents stay those of public incidents.
   */
  private withPrivate(view: DirectoryView, access: IncidentAccess | undefined): DirectoryView {
    if (access?.private !== true) return view;
    const { directory } = this.options;
    const version = directory.privateVersion;
    const known = this.privateViews.get(view);
    if (known?.version === version) return known.view;
    const hidden = [...directory.privateIncidents()];
    const byEntity = new Map(view.snapshot.byEntity);
    for (const [ref, incidents] of directory.mapping?.incidentsByEntity(hidden) ?? []) {
      byEntity.set(ref, [...(byEntity.get(ref) ?? []), ...incidents]);
    }
    const merged = new DirectoryView(
      { ...view.snapshot, byEntity },
      [...view.all(), ...hidden],
      this.catalog,
      directory.mapping,
      this.descriptions,
      this.options.accounts.several,
    );
    this.privateViews.set(view, { version, view: merged });
    return merged;
  }

  /** The mirror's private incidents as of the last `view()`, rebuilt only when one was added, changed or made public. */
  private privateMentions(): PrivateIncidentMentions {
    const { directory } = this.options;
    const version = directory.privateVersion;
    if (this.mentions?.version !== version) {
      this.mentions = { version, value: new PrivateIncidentMentions(directory.privateIncidents()) };
    }
    return this.mentions.value;
  }

  private context(view: DirectoryView): ServiceContext {
    return {
      view,
      catalog: this.catalog,
      account: this.account,
      mapped: this.options.directory.mapping !== undefined,
    };
  }

  /** An account's settings; the hub's own for an account it does not serve. */
  private org(account: string): OrgSettings {
    return this.orgs.get(account) ?? (this.orgs.get(this.options.accounts.primary.alias) as OrgSettings);
  }

  /**
   * The organisation's severities (of `account`, default the hub's own), else (incident.io slow or unreachable)
   * those the mirror has seen.
   */
  private async viewAndSeverities(
    account = this.options.accounts.primary.alias,
  ): Promise<{ view: DirectoryView; severities: OrgSeverity[] }> {
    const [view, listed] = await Promise.all([this.view(), this.org(account).severities()]);
    return { view, severities: listed ?? mirroredSeverities(view.snapshot) };
  }

  private entity(ref: string): CatalogEntity | undefined {
    return this.catalog.find(ref);
  }

  async services(): Promise<ServicesListModel> {
    const { view, severities } = await this.viewAndSeverities();
    const context = this.context(view);
    return {
      services: this.catalog.ordered.map((entity) => serviceRow(entity, context)),
      severities: severities.map(({ name, rank }) => ({ name, rank })),
      catalogDir: this.options.catalog?.dir ?? null,
    };
  }

  async service(ref: string, options: { historyPage: number }): Promise<ServicePageModel | undefined> {
    const entity = this.entity(ref);
    if (!entity) return undefined;
    const account = entity.account ?? this.account;
    const [{ view, severities }, field, recordedLevels] = await Promise.all([
      this.viewAndSeverities(account),
      this.org(account).customField(),
      levelHistory(this.options.store, entity.ref),
    ]);
    const maps = entity.kind === "Component" && this.options.directory.mapping !== undefined;
    const fieldName = field?.name ?? view.fieldName() ?? this.options.catalog?.field;
    return servicePage(
      {
        entity,
        historyPage: options.historyPage,
        now: this.options.clock.now(),
        severities,
        customField:
          maps && fieldName !== undefined
            ? { name: fieldName, value: view.mappedLabel(entity) ?? fieldValueOf(entity) }
            : null,
        recordedLevels,
      },
      this.context(view),
    );
  }

  async incidents(filters: IncidentFilters, access?: IncidentAccess): Promise<IncidentsListModel> {
    const { view, severities } = await this.viewAndSeverities();
    const labels = severities.map(({ name, rank }) => ({ name, rank }));
    return incidentsList(filters, this.withPrivate(view, access), this.catalog, labels);
  }

  async incident(ref: string, access?: IncidentAccess): Promise<IncidentPageModel | undefined> {
    const { directory, store, accounts } = this.options;
    // A private incident is found only for a viewer allowed it: to anyone else it is not there at all.
    const among =
      access?.private === true
        ? {
            current: () => directory.current(),
            incidents: () => [...directory.incidents(), ...directory.privateIncidents()].values(),
          }
        : directory;
    let incident: Awaited<ReturnType<typeof findMirroredIncident>>;
    try {
      incident = await findMirroredIncident(among, ref);
    } catch (error) {
      // A malformed reference names no incident: the page says so, as for one the mirror lacks.
      if (error instanceof IncidentKitError && error.code === "invalid_argument") return undefined;
      throw error;
    }
    if (!incident) return undefined;
    const { view, severities } = await this.viewAndSeverities(incident.account);
    return incidentPage(incident, {
      directory,
      store,
      // Its own account's, when the hub serves it; else the page says the timeline is not read from there.
      session: accounts.has(incident.account) ? accounts.session(incident.account) : accounts.primary,
      catalog: this.catalog,
      view: this.withPrivate(view, access),
      severities: severities.map(({ name, rank }) => ({ name, rank })),
      ...(this.options.priorities ? { priorities: this.options.priorities } : {}),
      findings:
        this.options.findings ?? (async (id) => (await latestInvestigation(store.db, id))?.report ?? null),
      timelineWaitMs: this.options.timelineWaitMs,
    });
  }

  async analytics(raw: {
    since?: string | undefined;
    by?: string | undefined;
    account?: string | undefined;
  }): Promise<AnalyticsPageModel> {
    const now = this.options.clock.now();
    const accounts = this.options.accounts.aliases;
    const { query, problems } = analyticsQuery(raw, now, accounts);
    const view = await this.view(this.options.analyticsFreshMs);
    const input: AnalyticsInput = {
      query,
      problems,
      now,
      accounts,
      ...(this.options.priorities ? { priorities: this.options.priorities } : {}),
    };
    const data = () => analyticsData(this.options.directory, view);
    // Once per snapshot and query: the snapshot is at most a minute old, and newer whenever an incident changed.
    return view.memo(`analytics ${JSON.stringify({ query, problems })}`, async () => {
      const thread = this.options.analyticsThread;
      if (!thread) return analyticsModel(input, data());
      try {
        return await thread.compute(input, view, data);
      } catch (error) {
        this.options.onError?.(error);
        return analyticsModel(input, data());
      }
    });
  }

  async changes(query: {
    service?: string | undefined;
    since?: string | undefined;
  }): Promise<ChangesPageModel> {
    const { store, clock } = this.options;
    return changesPage(query, { store, catalog: this.catalog, names: this.serviceNames, now: clock.now() });
  }

  async catalogReport(): Promise<CatalogPageModel> {
    return catalogPage(this.options.directory.catalog, this.options.catalog?.dir ?? null);
  }

  async sync(): Promise<SyncPageModel> {
    return syncPage(this.options.store, this.options.clock.now(), this.options.mirror?.accounts ?? []);
  }

  async alerts(
    filter: { source: string | null; limit: number },
    access?: IncidentAccess,
  ): Promise<AlertsPageModel> {
    const view = await this.view();
    const permalinkOf = (id: string) => view.byId(id)?.permalink ?? null;
    const withhold =
      access?.private === true
        ? undefined
        : { mentions: this.privateMentions(), isPublic: (id: string) => view.byId(id) !== undefined };
    const alerts = await alertRows(this.options.store, filter, permalinkOf, withhold);
    return { alerts, sources: [...this.options.sources].sort(), filter };
  }

  async declareIncident(input: DeclareInput): Promise<DeclaredIncident> {
    const { accounts, directory } = this.options;
    const entity = this.entity(input.entityRef);
    if (!entity) throw new DeclareError(`No catalog entity has the reference “${input.entityRef}” any more.`);
    const account = entity.account ?? this.account;
    if (!accounts.has(account)) {
      throw new DeclareError(
        `${displayName(entity)}'s incidents live in the incident.io account “${account}”, which this hub does not serve (it serves ${accounts.aliases.map((alias) => `“${alias}”`).join(", ")}). Declare it in incident.io.`,
      );
    }
    const session = accounts.session(account);
    const configured = this.options.catalog?.field;
    let fieldName: string | undefined;
    try {
      let customFields: Record<string, string> | undefined;
      if (entity.kind === "Component" && directory.mapping && configured !== undefined) {
        const field = await session.lookups.customField(configured);
        fieldName = field.name;
        const view = await this.view();
        const known = view.mappedValues(entity);
        customFields = {
          [field.id]: await fieldValueToSend(session, field, entity, directory.mapping, known, account),
        };
      }
      const { incident, created } = await declareIncident(session, {
        name: input.name,
        summary: input.summary,
        severity: input.severity,
        mode: input.mode,
        idempotencyKey: input.idempotencyKey,
        ...(customFields ? { customFields } : {}),
      });
      // Mirrored now, not at the next webhook or reconciliation, so the page it returns to shows it.
      await this.options.mirror?.refresh(session.alias, incident.id).catch((error: unknown) => {
        this.options.onError?.(error);
      });
      return { reference: incident.reference, permalink: incident.permalink ?? null, created };
    } catch (error) {
      throw declareRefusal(error, fieldName ?? configured) ?? error;
    }
  }
}
