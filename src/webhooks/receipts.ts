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

/**
 * Records a delivery's webhook-id, durably, before the hub answers. The first copy claims it ("new"); later
 * copies are duplicates, except when the earlier processing failed, or was left unfinished by a hub process that
 * has since stopped: then this copy claims it again ("retry"). The statements run one caller at a time in the
 * store's write queue, so two copies arriving together never both claim.
 */
export function claimReceipt(store: Store, input: ReceiptInput): Promise<Claim> {
  return store.write(async (trx) => {
    const inserted = await trx
      .insertInto("webhook_receipts")
      .values({
        webhook_id: input.webhookId,
        event_type: input.eventType,
        incident_id: input.incidentId ?? null,
        received_at: input.receivedAt,
        claimed_by: input.claimant,
      })
      .onConflict((oc) => oc.column("webhook_id").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return "new";
    const reclaimed = await trx
      .updateTable("webhook_receipts")
      .set({ claimed_by: input.claimant, error: null })
      .where("webhook_id", "=", input.webhookId)
      .where("processed_at", "is", null)
      .where((eb) =>
        eb.or([
          eb("error", "is not", null),
          eb("claimed_by", "is", null),
          eb("claimed_by", "!=", input.claimant),
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
