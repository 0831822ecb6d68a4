import { CatalogEntryIndex } from "./catalog-entry-index.js";
import { type Change, COLLECTIONS, type CollectionName, type Persistence, type RecordOf } from "./db.js";
import { IncidentColumns } from "./incident-columns.js";
import type {
  AlertRecord,
  ApiKeyRecord,
  CatalogEntryRecord,
  IncidentRecord,
  IncidentUpdateRecord,
  Organisation,
  Snapshot,
} from "./model.js";
import type { ActionRecord, FollowUpRecord } from "./model-follow-ups.js";
import type { EscalationRecord } from "./model-oncall.js";
import { RecordOrder } from "./record-order.js";

/** One committed change to an incident, for listeners: `previous` is absent when it was created. */
export interface CommittedIncidentChange {
  previous?: IncidentRecord;
  next: IncidentRecord;
  /** Incident updates committed in the same write for this incident. */
  updates: IncidentUpdateRecord[];
}

type Maps = { [K in CollectionName]: Map<string, RecordOf<K>> };

/**
 * The emulator's state, held in memory for fast reads and written through to the persistence layer.
 * Every mutation goes through `commit`, which writes first and applies to memory only once the write has
 * succeeded, so a failed write leaves nothing half-applied. Handlers validate fully before committing.
 */
export class EmulatorState {
  readonly organisation: Organisation;
  private readonly maps: Maps;
  /** Incidents in creation order (oldest first), ties broken by ID. */
  private incidentOrder: IncidentRecord[] = [];
  private incidentPosition = new Map<string, number>();
  private positionsStale = true;
  /** Built on first use; kept in step with `incidentOrder`, or dropped when the order is rebuilt. */
  private columns: IncidentColumns | undefined;
  private readonly incidentsByNumber = new Map<number, string>();
  private readonly incidentsByIdempotencyKey = new Map<string, string>();
  private readonly updatesByIdempotencyKey = new Map<string, string>();
  private readonly updatesByIncident = new Map<string, IncidentUpdateRecord[]>();
  private readonly keysByToken = new Map<string, ApiKeyRecord>();
  /** Alert IDs by source and deduplication key: one alert per key per source. */
  private readonly alertsByKey = new Map<string, string>();
  /** Live catalog entries by type and by external ID. */
  readonly catalogEntries = new CatalogEntryIndex();
  /** Listed records in list order, and by incident (alerts: by deduplication key), so lists read what they show. */
  readonly orders = {
    follow_ups: new RecordOrder<FollowUpRecord>((record) => record.incident_id),
    actions: new RecordOrder<ActionRecord>((record) => record.incident_id),
    escalations: new RecordOrder<EscalationRecord>((record) => record.incident_id),
    alerts: new RecordOrder<AlertRecord>((record) => record.deduplication_key),
  };
  private highestNumber = 0;
  /** Bumped on every configuration change, so rendered incidents can be cached until then. */
  configVersion = 0;
  private readonly incidentListeners: ((changes: CommittedIncidentChange[]) => void)[] = [];

  /** `onListenerError`: told of a listener's failure, which does not undo the write it followed. */
  constructor(
    snapshot: Snapshot,
    private readonly persistence: Persistence,
    private readonly onListenerError: (error: unknown) => void = () => {},
  ) {
    this.organisation = snapshot.organisation;
    this.maps = Object.fromEntries(COLLECTIONS.map((name) => [name, new Map()])) as unknown as Maps;
    for (const name of COLLECTIONS) {
      const map = this.maps[name] as Map<string, RecordOf<typeof name>>;
      for (const record of snapshot[name]) map.set(record.id, record);
    }
    this.incidentOrder = [...this.maps.incidents.values()].sort(compareIncidents);
    for (const incident of this.incidentOrder) this.indexIncident(incident);
    for (const update of this.maps.incident_updates.values()) this.indexUpdate(update);
    for (const key of this.maps.api_keys.values()) this.keysByToken.set(key.token, key);
    for (const alert of this.maps.alerts.values()) this.indexAlert(alert);
    for (const entry of this.maps.catalog_entries.values()) this.catalogEntries.set(undefined, entry);
    for (const record of this.maps.follow_ups.values()) this.orders.follow_ups.set(undefined, record);
    for (const record of this.maps.actions.values()) this.orders.actions.set(undefined, record);
    for (const record of this.maps.escalations.values()) this.orders.escalations.set(undefined, record);
    for (const record of this.maps.alerts.values()) this.orders.alerts.set(undefined, record);
  }

  get<K extends CollectionName>(collection: K, id: string): RecordOf<K> | undefined {
    return this.maps[collection].get(id) as RecordOf<K> | undefined;
  }

  list<K extends CollectionName>(collection: K): RecordOf<K>[] {
    return [...this.maps[collection].values()] as RecordOf<K>[];
  }

  values<K extends CollectionName>(collection: K): IterableIterator<RecordOf<K>> {
    return this.maps[collection].values() as IterableIterator<RecordOf<K>>;
  }

  /** Incidents oldest first. Do not mutate. */
  incidentsInOrder(): readonly IncidentRecord[] {
    return this.incidentOrder;
  }

  /** The filterable fields of `incidentsInOrder`, row for row. Do not mutate. */
  incidentColumns(): IncidentColumns {
    this.columns ??= new IncidentColumns(this.incidentOrder);
    return this.columns;
  }

  /** Position of an incident in `incidentsInOrder`, or undefined when there is no such incident. */
  positionOf(incidentId: string): number | undefined {
    if (this.positionsStale) {
      this.incidentPosition = new Map(this.incidentOrder.map((incident, index) => [incident.id, index]));
      this.positionsStale = false;
    }
    return this.incidentPosition.get(incidentId);
  }

  incidentByNumber(number: number): IncidentRecord | undefined {
    const id = this.incidentsByNumber.get(number);
    return id === undefined ? undefined : this.maps.incidents.get(id);
  }

  incidentByIdempotencyKey(key: string): IncidentRecord | undefined {
    const id = this.incidentsByIdempotencyKey.get(key);
    return id === undefined ? undefined : this.maps.incidents.get(id);
  }

  updateByIdempotencyKey(key: string): IncidentUpdateRecord | undefined {
    const id = this.updatesByIdempotencyKey.get(key);
    return id === undefined ? undefined : this.maps.incident_updates.get(id);
  }

  /** Updates of one incident, oldest first. */
  updatesOf(incidentId: string): readonly IncidentUpdateRecord[] {
    return this.updatesByIncident.get(incidentId) ?? [];
  }

  /** The alert that events with this deduplication key have landed on at this source, if any. */
  alertByDeduplicationKey(alertSourceId: string, key: string): AlertRecord | undefined {
    const id = this.alertsByKey.get(alertKey(alertSourceId, key));
    return id === undefined ? undefined : this.maps.alerts.get(id);
  }

  apiKeyByToken(token: string): ApiKeyRecord | undefined {
    return this.keysByToken.get(token);
  }

  nextIncidentNumber(): number {
    return this.highestNumber + 1;
  }

  /** Writes the changes, then applies them to memory. Throws (applying nothing) if the write fails. */
  commit(changes: readonly Change[]): void {
    this.persistence.write(changes);
    const previous = this.incidentListeners.length > 0 ? this.incidentsBefore(changes) : undefined;
    for (const change of changes) this.apply(change);
    if (previous) this.tellIncidentListeners(changes, previous);
  }

  /** Calls `listener` after every commit that created or changed incidents (the seed is not a commit). */
  onIncidentsChanged(listener: (changes: CommittedIncidentChange[]) => void): void {
    this.incidentListeners.push(listener);
  }

  private incidentsBefore(changes: readonly Change[]): Map<string, IncidentRecord | undefined> {
    const before = new Map<string, IncidentRecord | undefined>();
    for (const change of changes) {
      if (change.collection === "incidents") before.set(change.id, this.maps.incidents.get(change.id));
    }
    return before;
  }

  private tellIncidentListeners(
    changes: readonly Change[],
    before: Map<string, IncidentRecord | undefined>,
  ): void {
    if (before.size === 0) return;
    const updates = changes.flatMap((c) =>
      c.collection === "incident_updates" && c.record ? [c.record as IncidentUpdateRecord] : [],
    );
    const committed: CommittedIncidentChange[] = [];
    for (const [id, previous] of before) {
      const next = this.maps.incidents.get(id);
      if (!next) continue;
      const own = updates.filter((update) => update.incident_id === id);
      committed.push({ ...(previous ? { previous } : {}), next, updates: own });
    }
    // The write has happened; a listener's failure must not turn it into an error for the caller.
    for (const listener of this.incidentListeners) {
      try {
        listener(committed);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  private apply(change: Change): void {
    const map = this.maps[change.collection] as Map<string, unknown>;
    const previous = map.get(change.id);
    if (change.record === undefined) map.delete(change.id);
    else map.set(change.id, change.record);
    this.followOrder(change, previous);
    switch (change.collection) {
      case "incidents":
        this.applyIncident(
          previous as IncidentRecord | undefined,
          change.record as IncidentRecord | undefined,
        );
        break;
      case "incident_updates":
        if (change.record && !previous) this.indexUpdate(change.record as IncidentUpdateRecord);
        break;
      case "api_keys":
        if (previous) this.keysByToken.delete((previous as ApiKeyRecord).token);
        if (change.record)
          this.keysByToken.set((change.record as ApiKeyRecord).token, change.record as ApiKeyRecord);
        this.configVersion++;
        break;
      // Alerts are not configuration: rendered incidents stay cached while alerts arrive.
      case "alerts":
        if (change.record) this.indexAlert(change.record as AlertRecord);
        break;
      // Follow-ups, actions and memberships are not shown in incidents: rendered incidents stay cached.
      case "follow_ups":
      case "actions":
      case "incident_memberships":
        break;
      // Nor is on-call: schedules, overrides, escalation paths and escalations.
      case "schedules":
      case "schedule_overrides":
      case "escalation_paths":
      case "escalations":
        break;
      // Attachments, related incidents, post-mortems and workflow runs are not shown in incidents either.
      case "incident_attachments":
      case "incident_relationships":
      case "postmortem_documents":
      case "workflow_runs":
        break;
      case "catalog_entries":
        this.catalogEntries.set(
          previous as CatalogEntryRecord | undefined,
          change.record as CatalogEntryRecord | undefined,
        );
        this.configVersion++;
        break;
      default:
        this.configVersion++;
    }
  }

  private applyIncident(previous: IncidentRecord | undefined, next: IncidentRecord | undefined): void {
    if (!next) throw new Error("incidents are never deleted");
    this.indexIncident(next);
    if (previous) {
      const position = this.positionOf(previous.id);
      if (position !== undefined && previous.created_at === next.created_at) {
        this.incidentOrder[position] = next;
        this.columns?.set(position, next);
        return;
      }
      this.incidentOrder = this.incidentOrder.filter((incident) => incident.id !== previous.id);
      this.columns = undefined;
    }
    const last = this.incidentOrder[this.incidentOrder.length - 1];
    if (!last || compareIncidents(last, next) < 0) {
      this.incidentOrder.push(next);
      if (!this.positionsStale) this.incidentPosition.set(next.id, this.incidentOrder.length - 1);
      this.columns?.set(this.incidentOrder.length - 1, next);
    } else {
      this.incidentOrder.push(next);
      this.incidentOrder.sort(compareIncidents);
      this.positionsStale = true;
      this.columns = undefined;
    }
    if (previous) this.positionsStale = true;
  }

  private followOrder(change: Change, previous: unknown): void {
    const { collection, record } = change;
    if (collection === "follow_ups")
      this.orders.follow_ups.set(
        previous as FollowUpRecord | undefined,
        record as FollowUpRecord | undefined,
      );
    else if (collection === "actions")
      this.orders.actions.set(previous as ActionRecord | undefined, record as ActionRecord | undefined);
    else if (collection === "escalations")
      this.orders.escalations.set(
        previous as EscalationRecord | undefined,
        record as EscalationRecord | undefined,
      );
    else if (collection === "alerts")
      this.orders.alerts.set(previous as AlertRecord | undefined, record as AlertRecord | undefined);
  }

  private indexIncident(incident: IncidentRecord): void {
    this.incidentsByNumber.set(incident.number, incident.id);
    if (incident.number > this.highestNumber) this.highestNumber = incident.number;
    if (incident.idempotency_key) this.incidentsByIdempotencyKey.set(incident.idempotency_key, incident.id);
  }

  private indexAlert(alert: AlertRecord): void {
    this.alertsByKey.set(alertKey(alert.alert_source_id, alert.deduplication_key), alert.id);
  }

  private indexUpdate(update: IncidentUpdateRecord): void {
    if (update.idempotency_key) this.updatesByIdempotencyKey.set(update.idempotency_key, update.id);
    const list = this.updatesByIncident.get(update.incident_id);
    if (list) list.push(update);
    else this.updatesByIncident.set(update.incident_id, [update]);
  }
}

function alertKey(alertSourceId: string, deduplicationKey: string): string {
  return `${alertSourceId}\u0000${deduplicationKey}`;
}

function compareIncidents(a: IncidentRecord, b: IncidentRecord): number {
  if (a.created_at !== b.created_at) return Date.parse(a.created_at) - Date.parse(b.created_at);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
