import type { Selectable } from "kysely";
import { idGenerator } from "../shared/ids.js";
import type { IntakeRefusalsTable, Store } from "../store/index.js";

export type IntakeRefusal = Selectable<IntakeRefusalsTable>;

const nextId = idGenerator();

/** A request refused whole: what the hub keeps of it, since the sender may never send it again. */
export interface Refusal {
  source: string;
  httpStatus: number;
  reason: string;
  bytes?: number | undefined;
  alerts?: number | undefined;
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

/** Requests refused whole at or after `since`: how many, and the newest. */
export async function refusedSince(
  store: Store,
  since: string,
): Promise<{ count: number; latest: IntakeRefusal | undefined }> {
  const recent = store.db.selectFrom("intake_refusals").where("received_at", ">=", since);
  const counted = await recent.select(({ fn }) => fn.countAll<number>().as("count")).executeTakeFirst();
  const latest = await recent.selectAll().orderBy("id", "desc").limit(1).executeTakeFirst();
  return { count: Number(counted?.count ?? 0), latest };
}

/**
 * The health reason for requests refused whole: their alerts are lost (senders such as Alertmanager never retry a
 * 4xx), so a person must look. The stored reason carries its own fix.
 */
export function refusalReason(refused: {
  count: number;
  latest: IntakeRefusal | undefined;
}): string | undefined {
  if (refused.count === 0 || refused.latest === undefined) return undefined;
  const requests = refused.count === 1 ? "1 request was" : `${refused.count} requests were`;
  const { source, http_status, reason } = refused.latest;
  return `${requests} refused whole in the last hour, so the alerts in them were lost (latest: source ${source}, ${http_status}: ${reason})`;
}
