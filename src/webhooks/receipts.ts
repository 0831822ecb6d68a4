import { sql } from "kysely";
import type { Store } from "../store/index.js";

/** What recording a delivery's webhook-id found: a new delivery, one to process again, or one already had. */
export type Claim = "new" | "retry" | "duplicate";

export interface ReceiptInput {
  webhookId: string;
  eventType: string;
  incidentId?: string;
  receivedAt: string;
  /** This hub process. */
  claimant: string;
}

/** How long a hub's claim on processing a delivery holds before another hub may take it over. */
export const RECEIPT_CLAIM_MS = 60_000;

/**
 * Records a delivery's webhook-id, durably, before the hub answers. The first copy claims it ("new"); later
 * copies are duplicates, except when the earlier processing failed or was left unfinished by a hub that has
 * stopped: then this copy claims it again ("retry"). A stopped hub is one whose claim ran out
 * (`RECEIPT_CLAIM_MS`); on SQLite, which serves one hub process, any other process than this one.
 *
 * Two copies arriving together never both claim: the insert of a new webhook-id waits for any other insert of
 * it to commit (the primary key), and the conditional update re-reads the row it changes.
 */
export function claimReceipt(store: Store, input: ReceiptInput): Promise<Claim> {
  const until = new Date(Date.parse(input.receivedAt) + RECEIPT_CLAIM_MS).toISOString();
  return store.write(async (trx) => {
    const inserted = await trx
      .insertInto("webhook_receipts")
      .values({
        webhook_id: input.webhookId,
        event_type: input.eventType,
        incident_id: input.incidentId ?? null,
        received_at: input.receivedAt,
        claimed_by: input.claimant,
        claimed_until: until,
      })
      .onConflict((oc) => oc.column("webhook_id").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return "new";
    const reclaimed = await trx
      .updateTable("webhook_receipts")
      .set({ claimed_by: input.claimant, claimed_until: until, error: null })
      .where("webhook_id", "=", input.webhookId)
      .where("processed_at", "is", null)
      .where((eb) =>
        eb.or([
          eb("error", "is not", null),
          eb("claimed_by", "is", null),
          eb("claimed_until", "<", input.receivedAt),
          ...(store.dialect === "sqlite" ? [eb("claimed_by", "!=", input.claimant)] : []),
        ]),
      )
      .executeTakeFirst();
    return Number(reclaimed.numUpdatedRows) > 0 ? "retry" : "duplicate";
  });
}

/** Marks the processing done. */
export async function markProcessed(store: Store, webhookId: string, at: string): Promise<void> {
  await store.write((trx) =>
    trx
      .updateTable("webhook_receipts")
      .set({ processed_at: at, error: null, attempts: sql`attempts + 1` })
      .where("webhook_id", "=", webhookId)
      .execute(),
  );
}

/** Records why the processing failed; a later copy of the delivery processes it again. */
export async function markFailed(store: Store, webhookId: string, error: string): Promise<void> {
  await store.write((trx) =>
    trx
      .updateTable("webhook_receipts")
      .set({ error: error.slice(0, 1000), attempts: sql`attempts + 1` })
      .where("webhook_id", "=", webhookId)
      .execute(),
  );
}
