import type { Selectable } from "kysely";
import type { ChangesTable, StoredChangeKind, StoredChangeSource } from "../../store/index.js";

export const CHANGE_KINDS = [
  "deploy",
  "feature_flag",
  "config",
  "other",
] as const satisfies readonly StoredChangeKind[];
export type ChangeKind = StoredChangeKind;

export const CHANGE_SOURCES = ["api", "cli", "github"] as const satisfies readonly StoredChangeSource[];
export type ChangeSource = StoredChangeSource;

/** The header the CLI sends so the hub records its changes as coming from it. */
export const CHANGE_CLIENT_HEADER = "x-incidentkit-client";

/** A change to a service, as the hub keeps it. */
export interface Change {
  /** A ULID. */
  id: string;
  /** An entity ref (`component:default/payments-api`) when the catalog knows the service, else the name as sent. */
  service: string;
  kind: ChangeKind;
  description: string;
  link: string | null;
  author: string | null;
  /** ISO 8601, UTC, milliseconds. */
  happenedAt: string;
  receivedAt: string;
  source: ChangeSource;
  /** The sender's own ID for the change, which dedupes it (e.g. `github-deployment:123:success`). */
  externalId: string | null;
  /** Where it was deployed (`production`, `staging`, `pr-123`); null when the sender did not say. */
  environment: string | null;
  /**
   * Whether it reached production: false for staging, previews and other environments, which weigh less when
   * looking for an incident's cause; null when the sender named no environment (taken as production).
   */
  production: boolean | null;
}

/** The change as the hub's HTTP API and `--json` show it. */
export interface ChangeJson {
  id: string;
  service: string;
  kind: ChangeKind;
  description: string;
  link: string | null;
  author: string | null;
  happened_at: string;
  received_at: string;
  source: ChangeSource;
  external_id: string | null;
  environment: string | null;
  production: boolean | null;
}

export function changeFromRow(row: Selectable<ChangesTable>): Change {
  return {
    id: row.id,
    service: row.service,
    kind: row.kind,
    description: row.description,
    link: row.link ?? null,
    author: row.author ?? null,
    happenedAt: row.happened_at,
    receivedAt: row.received_at,
    source: row.source,
    externalId: row.external_id ?? null,
    environment: row.environment ?? null,
    production: row.production === null || row.production === undefined ? null : row.production === 1,
  };
}

export function changeJson(change: Change): ChangeJson {
  return {
    id: change.id,
    service: change.service,
    kind: change.kind,
    description: change.description,
    link: change.link,
    author: change.author,
    happened_at: change.happenedAt,
    received_at: change.receivedAt,
    source: change.source,
    external_id: change.externalId,
    environment: change.environment,
    production: change.production,
  };
}

export function changeFromJson(json: ChangeJson): Change {
  return {
    id: json.id,
    service: json.service,
    kind: json.kind,
    description: json.description,
    link: json.link,
    author: json.author,
    happenedAt: json.happened_at,
    receivedAt: json.received_at,
    source: json.source,
    externalId: json.external_id,
    // A hub from before environments were recorded sends neither.
    environment: json.environment ?? null,
    production: json.production ?? null,
  };
}

/** The name a person knows a service by: `payments-api` for `component:default/payments-api`. */
export function serviceName(service: string): string {
  const match = /^[A-Za-z][A-Za-z0-9]*:(?:[a-z0-9-]+\/)?(.+)$/.exec(service);
  return match?.[1] ?? service;
}
