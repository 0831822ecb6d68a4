import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import type { AccountSyncStatus, BackfillProgress, SyncOutcome } from "../../../mirror/index.js";
import { relativeTime } from "../../../shared/relative-time.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { helpAfter } from "../flags.js";
import type { Output } from "../output/output.js";
import {
  hubAccount,
  hubDatabaseExists,
  hubDatabasePlace,
  hubStateSettings,
  openHubStore,
  requireHubAccount,
} from "./hub-directory.js";

const HUB_OPTIONS: [string, string][] = [
  [
    "--config <file>",
    "the hub's config file, whose database is read: data_dir, or DATABASE_URL (default: hub.yaml here, else the demo hub's, as `up` uses)",
  ],
  ["--data-dir <dir>", "the hub's data directory, instead of the one its config names"],
];

export function registerSyncCommand(program: CommandUnknownOpts, config: Config): void {
  const sync = program
    .command("sync")
    .description("The incident mirror: when each account last synced, what failed; sync now.")
    .addHelpText("after", helpAfter(["incidentkit sync status", "incidentkit sync run"]));

  const status = sync
    .command("status")
    .description(
      "Each mirrored account: backfill progress, last success, lag, newest change seen, last error.",
    );
  for (const [flag, description] of HUB_OPTIONS) status.option(flag, description);
  status
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit sync status",
          "incidentkit sync status --json",
          "incidentkit sync status --config hub.yaml",
        ],
        '{ "accounts": [{ account, backfill: { state, fetched, total, startedAt, completedAt }, incidents, lastSuccessAt, lastAttemptAt, lagSeconds, newestUpdatedAt, newestUpdateAgeSeconds, lastError: { message, hint, at } | null, failing }] }',
      ),
    )
    .action(async (flags, command) => {
      const out = outputFor(config, globalsOf(command));
      const settings = await hubStateSettings(config, flags);
      if (!hubDatabaseExists(settings)) {
        out.emit(
          { accounts: [] },
          () =>
            `Nothing mirrored yet: no hub database in ${hubDatabasePlace(settings)}. Run \`incidentkit sync run\` or start the hub.`,
        );
        return;
      }
      const { syncStatus } = await import("../../../mirror/index.js");
      const store = await openHubStore(settings);
      try {
        const accounts = await syncStatus(store.db, out.now());
        out.emit({ accounts }, () => describeStatus(accounts, out));
      } finally {
        await store.close();
      }
    });

  const run = sync
    .command("run")
    .description(
      "Sync the hub's account (the one its config names or its database mirrors; else --account or the default) into the hub's mirror now: the backfill if not done (resumed where it stopped), then a reconciliation. Another account than the hub's is refused.",
    );
  for (const [flag, description] of HUB_OPTIONS) run.option(flag, description);
  run
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit sync run", "incidentkit --account prod sync run --json"],
        '{ "sync": { account, backfill?: { fetched, pages, resumed }, reconcile: { since, fetched, written, pages } }, "status": { …as sync status } }',
      ),
    )
    .action(async (flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const settings = await hubStateSettings(config, flags);
      const { Mirror } = await import("../../../mirror/index.js");
      const store = await openHubStore(settings);
      try {
        const account = globals.account ?? (await hubAccount(settings, store));
        const chosen = account === undefined ? globals : { ...globals, account };
        // Paced as the hub is: by its rate limit, and on PostgreSQL from the budget the hubs share.
        const session = sessionFor(config, chosen, {
          ...(settings.rateLimit ? { rateLimit: settings.rateLimit } : {}),
          ...(store.rateBudgets ? { rateGates: store.rateBudgets } : {}),
        });
        await requireHubAccount(settings, store, session.alias);
        const bar = progressBar(session.alias, process.stderr);
        const mirror = new Mirror(store, [session]);
        const outcome = await mirror.sync(session.alias, bar.update).finally(bar.done);
        const [status] = (await mirror.status()).filter((s) => s.account === session.alias);
        out.emit({ sync: outcomeJson(outcome), status }, () => describeOutcome(outcome));
      } finally {
        await store.close();
      }
    });
}

/** A `\r`-updated bar on stderr when it is a terminal; nothing otherwise. */
export function progressBar(
  account: string,
  stream: { isTTY?: boolean; write(text: string): unknown },
): { update(progress: BackfillProgress): void; done(): void } {
  let drawn = false;
  return {
    update(progress) {
      if (!stream.isTTY) return;
      const total = progress.total;
      const width = 30;
      const filled = total ? Math.min(width, Math.round((progress.fetched / total) * width)) : 0;
      const bar = total ? `[${"#".repeat(filled)}${".".repeat(width - filled)}] ` : "";
      const count = total ? `${progress.fetched}/${total}` : `${progress.fetched}`;
      stream.write(`\rBackfilling ${account}: ${bar}${count} incidents`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write("\n");
      drawn = false;
    },
  };
}

function outcomeJson(outcome: SyncOutcome) {
  return {
    account: outcome.account,
    ...(outcome.backfill
      ? {
          backfill: {
            fetched: outcome.backfill.fetched,
            pages: outcome.backfill.pages,
            resumed: outcome.backfill.resumed,
          },
        }
      : {}),
    ...(outcome.reconcile ? { reconcile: outcome.reconcile } : {}),
  };
}

function describeOutcome(outcome: SyncOutcome): string {
  const lines: string[] = [];
  if (outcome.backfill) {
    const how = outcome.backfill.resumed ? "resumed and finished" : "finished";
    lines.push(
      `${outcome.account}: backfill ${how}: ${outcome.backfill.fetched} incidents in ${outcome.backfill.pages} page(s).`,
    );
  }
  if (outcome.reconcile) {
    const r = outcome.reconcile;
    lines.push(
      `${outcome.account}: reconciled incidents updated since ${r.since}: ${r.fetched} read, ${r.written} written.`,
    );
  }
  return lines.join("\n");
}

function describeStatus(accounts: AccountSyncStatus[], out: Output): string {
  const now = out.now();
  if (accounts.length === 0) return "Nothing mirrored yet. Run `incidentkit sync run` or start the hub.";
  const table = out.table(
    ["ACCOUNT", "BACKFILL", "INCIDENTS", "LAST SUCCESS", "NEWEST CHANGE", "STATE"],
    accounts.map((a) => [
      a.account,
      a.backfill.total !== null
        ? `${a.backfill.state} ${a.backfill.fetched}/${a.backfill.total}`
        : a.backfill.state,
      String(a.incidents),
      a.lastSuccessAt ? relativeTime(a.lastSuccessAt, now) : "never",
      a.newestUpdatedAt ? relativeTime(a.newestUpdatedAt, now) : "",
      a.failing ? "failing" : "ok",
    ]),
  );
  const errors = accounts
    .filter((a) => a.lastError)
    .map((a) => {
      const e = a.lastError;
      const when = relativeTime(e?.at, now);
      return `\n${a.account}: last error ${when}${a.failing ? "" : " (synced since)"}: ${e?.message}${e?.hint ? `\n  hint: ${e.hint}` : ""}`;
    });
  return errors.length > 0 ? `${table}\n${errors.join("")}` : table;
}
