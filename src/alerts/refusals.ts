import type { Selectable } from "kysely";
import { monotonicFactory } from "ulid";
import type { IntakeRefusalsTable, Store } from "../store/index.js";

export type IntakeRefusal = Selectable<IntakeRefusalsTable>;

const nextId = monotonicFactory();

/** A request refused whole: what the hub keeps of it, since the sender may never send it again. */
export interface Refusal {
  source: string;
  httpStatus: number;
  reason: string;
  bytes?: number;
  alerts?: number;
}

export async function recordRefusal(store: Store, refusal: Refusal, now: Date): Promise<void> {
  await store.db
    .insertInto("intake_refusals")
    .values({
      id: nextId(now.getTime()),
      source: refusal.source,
      received_at: now.toISOString(),
      http_status: refusal.httpStatus,
      reason: refusal.reason,
      bytes: refusal.bytes ?? null,
      alerts: refusal.alerts ?? null,
    })
    .execute();
}

/** The newest refusals first, optionally from one source. */
export async function recentRefusals(
  store: Store,
  options: { limit?: number; source?: string } = {},
): Promise<IntakeRefusal[]> {
  let query = store.db
    .selectFrom("intake_refusals")
    .selectAll()
    .orderBy("id", "desc")
    .limit(options.limit ?? 20);
  if (options.source !== undefined) query = query.where("source", "=", options.source);
  return query.execute();
}
