import { allSyncRows } from "../mirror/sync-state.js";
import type { Store } from "../store/index.js";

/** The account the hub first started with, as its database records it; undefined before its first start. */
export async function installedAccount(store: Store): Promise<string | undefined> {
  const install = await store.db.selectFrom("hub_install").select("account").executeTakeFirst();
  return install?.account ?? undefined;
}

/** Records `alias` as the hub's own account, unless one is recorded already. */
export async function recordInstalledAccount(store: Store, alias: string): Promise<void> {
  await store.write((trx) =>
    trx.updateTable("hub_install").set({ account: alias }).where("account", "is", null).execute(),
  );
}

/** The accounts whose incidents the hub's database mirrors, by alias. */
export async function mirroredAccounts(store: Store): Promise<string[]> {
  return (await allSyncRows(store.db)).map((row) => row.account);
}
