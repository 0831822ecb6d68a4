import type {
  CustomField,
  CustomFieldOption,
  IncidentIo,
  IncidentRole,
  IncidentStatus,
  IncidentType,
  Severity,
  User,
} from "../api/index.js";
import { type Clock, systemClock } from "../shared/clock.js";
import { CatalogEntryLookups } from "./catalog-entries.js";
import { invalidArgument, oneOf } from "./invalid-argument.js";

interface Named {
  id: string;
  name: string;
}

/** The record whose ID is `nameOrId`, else whose name matches it ignoring case and surrounding spaces. */
export function findNamed<T extends Named>(records: readonly T[], nameOrId: string): T | undefined {
  const wanted = nameOrId.trim();
  const byId = records.find((record) => record.id === wanted);
  if (byId) return byId;
  const lower = wanted.toLowerCase();
  return records.find((record) => record.name.trim().toLowerCase() === lower);
}

function byRank<T extends { rank: number }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => a.rank - b.rank);
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/**
 * Names to records for one account: names match case-insensitively, IDs are accepted as they are. Each kind is
 * listed once per session; concurrent callers share the one request.
 */
export class Lookups {
  private readonly cache = new Map<string, Promise<unknown>>();
  /** Catalog entries by name, alias, external ID or ID; kept for a minute rather than the session. */
  readonly catalogEntries: CatalogEntryLookups;

  constructor(
    private readonly io: IncidentIo,
    clock: Clock = systemClock,
  ) {
    this.catalogEntries = new CatalogEntryLookups(io, clock);
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let pending = this.cache.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = load();
      // A failed list is not remembered, so the next call can try again.
      const loading = pending;
      loading.catch(() => {
        if (this.cache.get(key) === loading) this.cache.delete(key);
      });
      this.cache.set(key, loading);
    }
    return pending;
  }

  /** By rank, lowest first. */
  severities(): Promise<Severity[]> {
    return this.once("severities", async () => byRank(await this.io.severities.list()));
  }

  /** By rank. */
  statuses(): Promise<IncidentStatus[]> {
    return this.once("statuses", async () => byRank(await this.io.incidentStatuses.list()));
  }

  incidentTypes(): Promise<IncidentType[]> {
    return this.once("incidentTypes", () => this.io.incidentTypes.list());
  }

  customFields(): Promise<CustomField[]> {
    return this.once("customFields", () => this.io.customFields.list());
  }

  roles(): Promise<IncidentRole[]> {
    return this.once("roles", () => this.io.incidentRoles.list());
  }

  /** Every active user. */
  users(): Promise<User[]> {
    return this.once("users", () => collect(this.io.users.list()));
  }

  /** The options of a select field, by sort key. */
  customFieldOptions(fieldId: string): Promise<CustomFieldOption[]> {
    return this.once(`customFieldOptions:${fieldId}`, async () =>
      [...(await collect(this.io.customFieldOptions.list(fieldId)))].sort((a, b) => a.sort_key - b.sort_key),
    );
  }

  /** Forgets the field's options, so the next read lists them afresh (after this session changed them). */
  forgetCustomFieldOptions(fieldId: string): void {
    this.cache.delete(`customFieldOptions:${fieldId}`);
  }

  severity(nameOrId: string): Promise<Severity> {
    return this.pick("severity", this.severities(), nameOrId);
  }

  status(nameOrId: string): Promise<IncidentStatus> {
    return this.pick("incident status", this.statuses(), nameOrId);
  }

  incidentType(nameOrId: string): Promise<IncidentType> {
    return this.pick("incident type", this.incidentTypes(), nameOrId);
  }

  customField(nameOrId: string): Promise<CustomField> {
    return this.pick("custom field", this.customFields(), nameOrId);
  }

  role(nameOrId: string): Promise<IncidentRole> {
    return this.pick("incident role", this.roles(), nameOrId);
  }

  /** An active user by ID, email (ignoring case) or exact name. */
  async user(emailOrNameOrId: string): Promise<User> {
    const wanted = emailOrNameOrId.trim();
    const users = await this.users();
    const lower = wanted.toLowerCase();
    const found =
      users.find((user) => user.id === wanted) ??
      users.find((user) => user.email !== undefined && user.email.toLowerCase() === lower) ??
      users.find((user) => user.name === wanted);
    if (found) return found;
    throw invalidArgument(
      `no active user has the ID, email or name ${JSON.stringify(wanted)}`,
      "give the user's ID, email address, or full name exactly as incident.io shows it",
    );
  }

  private async pick<T extends Named>(kind: string, records: Promise<T[]>, nameOrId: string): Promise<T> {
    const all = await records;
    const found = findNamed(all, nameOrId);
    if (found) return found;
    throw invalidArgument(
      `unknown ${kind} ${JSON.stringify(nameOrId.trim())}`,
      oneOf(
        `${kind}s`,
        all.map((record) => record.name),
      ),
    );
  }
}
