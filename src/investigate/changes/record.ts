import type { Clock } from "../../shared/clock.js";
import { newId } from "../../shared/ids.js";
import type { Store } from "../../store/index.js";
import { type Change, type ChangeSource, changeFromRow } from "./change.js";
import type { ChangeInput } from "./input.js";
import { ServiceNames } from "./services.js";

export interface RecordOptions {
  /** Who sent it: the HTTP API, the CLI (through the API) or a GitHub webhook. */
  source: ChangeSource;
  clock: Clock;
  /** The catalog's names; without it services are kept as sent (a repository as its bare name). */
  names?: ServiceNames;
}

const NO_CATALOG = new ServiceNames([]);

export interface Recorded {
  change: Change;
  /** False when a change with the same external ID was already recorded: that one is returned, unchanged. */
  created: boolean;
}

/**
 * Stores a checked change, its service (or repository) resolved to the catalog's entity ref. A change carrying an external ID
 * already recorded is not stored again (a redelivered webhook, a retried deploy step); the first one stands.
 * Resolves once the change is committed.
 */
export async function recordChange(
  store: Store,
  input: ChangeInput,
  options: RecordOptions,
): Promise<Recorded> {
  const receivedAt = new Date(options.clock.now()).toISOString();
  const row = {
    id: newId(options.clock.now()),
    service: (options.names ?? NO_CATALOG).resolve(input),
    kind: input.kind,
    description: input.description,
    link: input.link ?? null,
    author: input.author ?? null,
    happened_at: input.happenedAt ?? receivedAt,
    received_at: receivedAt,
    source: options.source,
    external_id: input.externalId ?? null,
    environment: input.environment ?? null,
    production: input.production === undefined ? null : input.production ? 1 : 0,
  };
  return store.write(async (trx) => {
    // The unique index on external_id is the judge: a row already there (from this process or any other) wins.
    const inserted = await trx
      .insertInto("changes")
      .values(row)
      .onConflict((conflict) => conflict.column("external_id").doNothing())
      .executeTakeFirst();
    if (inserted.numInsertedOrUpdatedRows === 1n || row.external_id === null) {
      return { change: changeFromRow(row), created: true };
    }
    const existing = await trx
      .selectFrom("changes")
      .selectAll()
      .where("external_id", "=", row.external_id)
      .executeTakeFirstOrThrow();
    return { change: changeFromRow(existing), created: false };
  });
}
