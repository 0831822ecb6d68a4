import type { PostLedger } from "../../notify/slack-publisher.js";
import type { SlackReceipt } from "../../notify/slack-sender.js";
import type { Clock } from "../../shared/clock.js";
import type { Store } from "../../store/index.js";

/** The hub's ledger of Slack posts, in its database: a post made is not made again, across restarts too. */
export class StorePostLedger implements PostLedger {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async hasPosted(key: string): Promise<boolean> {
    const row = await this.store.db
      .selectFrom("slack_posts")
      .select("dedupe_key")
      .where("dedupe_key", "=", key)
      .executeTakeFirst();
    return row !== undefined;
  }

  async markPosted(key: string, receipt: SlackReceipt): Promise<void> {
    await this.store.write((trx) =>
      trx
        .insertInto("slack_posts")
        .values({
          dedupe_key: key,
          receipt: JSON.stringify(receipt),
          posted_at: new Date(this.clock.now()).toISOString(),
        })
        .onConflict((oc) => oc.column("dedupe_key").doNothing())
        .execute(),
    );
  }
}
