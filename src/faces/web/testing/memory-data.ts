import { DEFAULT_NAMESPACE, parseRef, refKey } from "../../../catalog/ref.js";
import { serviceUrl } from "../format.js";
import type {
  AlertRow,
  AlertsPageModel,
  DeclaredIncident,
  DeclareError,
  DeclareInput,
  IncidentFilters,
  IncidentRow,
  IncidentsListModel,
  NamedLink,
  ScorecardView,
  ServicePageModel,
  ServiceRow,
  ServicesListModel,
  SyncAccountView,
  SyncPageModel,
  WebData,
} from "../model.js";
import { incidentsPerMonth, mttrSummary } from "../stats.js";

export interface MemoryService {
  ref: string;
  kind: string;
  name: string;
  title: string | null;
  description?: string;
  owner?: NamedLink;
  system?: NamedLink;
  dependsOn?: NamedLink[];
  links?: Array<{ title: string; url: string }>;
  annotationLinks?: ServicePageModel["annotationLinks"];
  tags?: string[];
  /** The custom field value that maps incidents here; null: not mapped. */
  fieldValue: string | null;
  account?: string;
  scorecards?: ScorecardView[];
}

export interface MemoryIncident extends IncidentRow {
  summary: string;
}

export interface MemoryState {
  now: () => number;
  severities: Array<{ id: string; name: string; rank: number }>;
  services: MemoryService[];
  incidents: MemoryIncident[];
  sync: SyncAccountView[];
  alerts: AlertRow[];
  catalogDir: string | null;
  customField: string;
  /** The organisation's slug in incident.io links. */
  organisation: string;
}

const OPEN = new Set(["triage", "live", "paused"]);
const isOpen = (incident: IncidentRow) => incident.resolvedAt === null && OPEN.has(incident.status.category);
const newestFirst = (a: IncidentRow, b: IncidentRow) => b.createdAt.localeCompare(a.createdAt);
const page = <T>(items: T[], number: number, size: number) => ({
  items: items.slice((number - 1) * size, number * size),
  page: number,
  pageSize: size,
  total: items.length,
});

/**
 * A `WebData` over data held in memory: what the hub's would show for the same catalog, incidents and alerts.
 * Declaring adds an incident (once per idempotency key); `refusal`, when set, is what incident.io answers
 * instead.
 */
export class InMemoryWebData implements WebData {
  refusal: DeclareError | Error | null = null;
  private readonly byKey = new Map<string, DeclaredIncident>();

  constructor(readonly state: MemoryState) {}

  private incidentsOf(ref: string): MemoryIncident[] {
    return this.state.incidents.filter((i) => i.services.some((s) => s.ref === ref)).sort(newestFirst);
  }

  /** As the hub's: a full reference, `kind:name`, `namespace/name` or a name, in any case. */
  private find(ref: string): MemoryService | undefined {
    const parsed = parseRef(ref, { kind: "component", namespace: DEFAULT_NAMESPACE });
    const key = parsed.ok ? refKey(parsed.ref) : ref;
    return (
      this.state.services.find((s) => s.ref === ref || refKey(s.ref) === key) ??
      this.state.services.find((s) => s.name === ref)
    );
  }

  private mapping(service: MemoryService) {
    return {
      state: service.fieldValue ? ("mapped" as const) : ("unmapped" as const),
      account: service.account ?? null,
      value: service.fieldValue,
    };
  }

  async services(): Promise<ServicesListModel> {
    const services = this.state.services.map((service): ServiceRow => {
      const open = this.incidentsOf(service.ref).filter(isOpen);
      const worst = open.reduce<IncidentRow["severity"]>(
        (max, i) => (i.severity && (!max || i.severity.rank > max.rank) ? i.severity : max),
        null,
      );
      return {
        ref: service.ref,
        name: service.name,
        title: service.title,
        kind: service.kind,
        owner: service.owner ?? null,
        system: service.system ?? null,
        openIncidents: open.length,
        worstOpenSeverity: worst,
        scorecards: (service.scorecards ?? []).map((c) => ({
          scorecard: c.name,
          level: c.level,
          score: c.score,
        })),
        mapping: this.mapping(service),
      };
    });
    return { services, severities: this.state.severities, catalogDir: this.state.catalogDir };
  }

  async service(ref: string, options: { historyPage: number }): Promise<ServicePageModel | undefined> {
    const service = this.find(ref);
    if (!service) return undefined;
    const incidents = this.incidentsOf(service.ref);
    const now = this.state.now();
    return {
      entity: {
        ref: service.ref,
        kind: service.kind,
        name: service.name,
        title: service.title,
        description: service.description ?? null,
        type: "service",
        lifecycle: "production",
        tags: service.tags ?? [],
      },
      links: service.links ?? [],
      annotationLinks: service.annotationLinks ?? [],
      owner: service.owner ?? null,
      system: service.system ?? null,
      dependsOn: service.dependsOn ?? [],
      mapping: this.mapping(service),
      activeIncidents: incidents.filter(isOpen),
      history: page(incidents, options.historyPage, 10),
      mttr: mttrSummary(incidents, now, 90),
      incidentsPerMonth: incidentsPerMonth(incidents, this.state.severities, now),
      scorecards: service.scorecards ?? [],
      declare: {
        severities: [...this.state.severities]
          .sort((a, b) => a.rank - b.rank)
          .map(({ id, name }) => ({ id, name })),
        customField: service.fieldValue ? { name: this.state.customField, value: service.fieldValue } : null,
        account: service.account ?? null,
      },
      parts: [],
    };
  }

  async incidents(filters: IncidentFilters): Promise<IncidentsListModel> {
    const text = filters.text?.toLowerCase();
    const matching = this.state.incidents
      .filter(
        (i) =>
          (!filters.statusCategory || i.status.category === filters.statusCategory) &&
          (!filters.severity || i.severity?.name === filters.severity) &&
          (!filters.service || i.services.some((s) => s.ref === filters.service)) &&
          (!filters.account || i.account === filters.account) &&
          (!filters.createdFrom || i.createdAt.slice(0, 10) >= filters.createdFrom) &&
          (!filters.createdTo || i.createdAt.slice(0, 10) <= filters.createdTo) &&
          (!text || `${i.reference} ${i.name} ${i.summary}`.toLowerCase().includes(text)),
      )
      .sort(newestFirst);
    return {
      filters,
      results: page(matching, filters.page, 25),
      options: {
        statusCategories: ["triage", "live", "learning", "closed"],
        severities: this.state.severities,
        services: this.state.services.map((s) => ({ ref: s.ref, name: s.title ?? s.name })),
        accounts: [...new Set(this.state.incidents.map((i) => i.account))],
      },
      mirrored: this.state.incidents.length,
    };
  }

  async sync(): Promise<SyncPageModel> {
    return { accounts: this.state.sync };
  }

  async alerts(filter: { source: string | null; limit: number }): Promise<AlertsPageModel> {
    const alerts = this.state.alerts
      .filter((a) => filter.source === null || a.source === filter.source)
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
      .slice(0, filter.limit);
    return { alerts, sources: [...new Set(this.state.alerts.map((a) => a.source))].sort(), filter };
  }

  async declareIncident(input: DeclareInput): Promise<DeclaredIncident> {
    if (this.refusal) throw this.refusal;
    const already = this.byKey.get(input.idempotencyKey);
    if (already) return { ...already, created: false };
    const service = this.find(input.entityRef);
    const severity = this.state.severities.find((s) => s.id === input.severity) ?? null;
    const number =
      1 + Math.max(0, ...this.state.incidents.map((i) => Number(i.reference.replace(/\D/g, ""))));
    const permalink = `https://app.incident.io/${this.state.organisation}/incidents/${number}`;
    const services = service?.fieldValue
      ? [{ name: service.title ?? service.name, ref: service.ref, url: serviceUrl(service.ref) }]
      : [];
    this.state.incidents.push({
      id: `01MEMORY${number}`,
      reference: `INC-${number}`,
      name: input.name,
      summary: input.summary,
      status: { name: "Investigating", category: "live" },
      severity: severity ? { name: severity.name, rank: severity.rank } : null,
      mode: input.mode,
      account: service?.account ?? "default",
      createdAt: new Date(this.state.now()).toISOString(),
      resolvedAt: null,
      permalink,
      services,
    });
    const declared = { reference: `INC-${number}`, permalink, created: true };
    this.byKey.set(input.idempotencyKey, declared);
    return declared;
  }
}
