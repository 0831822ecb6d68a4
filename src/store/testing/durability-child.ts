/**
 * Writes alerts to the store at argv[2] one transaction at a time, printing each alert's ID only after its
 * transaction has committed, until it is killed. Used to check that what was reported as written survives a kill.
 */
import { openStore } from "../open.js";
import { alertRow, groupRow, outboxRow } from "./rows.js";

const file = process.argv[2];
if (!file) throw new Error("usage: durability-child <database file>");
const store = await openStore({ file });
await store.db
  .insertInto("alert_groups")
  .values(groupRow())
  .onConflict((c) => c.doNothing())
  .execute();
for (let i = 0; i < 100_000; i++) {
  const alert = alertRow();
  await store.db.transaction().execute(async (trx) => {
    await trx.insertInto("alerts").values(alert).execute();
    await trx
      .insertInto("outbox")
      .values(outboxRow({ alert_id: alert.id }))
      .execute();
  });
  process.stdout.write(`${alert.id}\n`);
}
await store.close();
