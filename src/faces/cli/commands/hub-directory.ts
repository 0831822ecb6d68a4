import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../../../api/config.js";
import { ConfigError, IncidentKitError } from "../../../api/index.js";
import type { ServiceDirectory } from "../../../app/directory.js";
import { installedAccount, mirroredAccounts, recordInstalledAccount } from "../../../app/hub-install.js";
import type { HubLocalSettings } from "../../../hub/config.js";
import { messageOf } from "../../../shared/errors.js";
import type { Store } from "../../../store/index.js";
import { announceLocalHub, findLocalHub } from "../local-hub.js";

/** Where a hub keeps its state, and the account its config names. */
type HubPlace = Pick<HubLocalSettings, "account" | "database" | "dataDir" | "catalog">;

/** The options of the commands that read the hub's state: which hub, and where its database is. */
export interface HubStateFlags {
  config?: string | undefined;
  dataDir?: string | undefined;
}

/**
 * The chosen hub's settings (`--config`, else hub.yaml here, else the demo's), its data directory per
 * `--data-dir`: a SQLite database kept in the data directory moves with it; one DATABASE_URL names stays. Found
 * by the CLI's one rule (local-hub.ts), which says on stderr which hub it found.
 */
export async function hubStateSettings(config: Config, flags: HubStateFlags): Promise<HubLocalSettings> {
  const hub = await findLocalHub(config, flags);
  announceLocalHub(config, hub);
  return hub.settings;
}

export interface DirectoryUse {
  /** The scorecards to evaluate; none: the directory has none. */
  scorecards?: string;
  /** What the command does with the incidents, for the message when there is no database: "grade". */
  verb: string;
}

/**
 * Whether the hub has a database to read: for SQLite, its file exists (the hub has started, or synced, at least
 * once). A PostgreSQL database is taken to exist: opening it says clearly if it cannot be reached.
 */
export function hubDatabaseExists(settings: HubLocalSettings): boolean {
  const { database } = settings;
  if ("postgres" in database || "memory" in database) return true;
  return existsSync("file" in database ? database.file : join(database.dataDir, "hub.sqlite"));
}

/** Where a SQLite hub database would be, for messages: "data directory <dir>" or "database file <file>". */
export function hubDatabasePlace(settings: HubPlace): string {
  const { database } = settings;
  return "file" in database ? `database file ${database.file}` : `data directory ${settings.dataDir}`;
}

/**
 * The hub's own account (where its alerts open incidents): the one its config names (`account:`), else the one it
 * first started with, else the first its database mirrors; undefined when none says (a hub never started).
 */
export async function hubAccount(settings: HubPlace, store: Store): Promise<string | undefined> {
  if (settings.account !== undefined) return settings.account;
  return (await installedAccount(store)) ?? (await mirroredAccounts(store))[0];
}

/**
 * Every account the hub serves: its own first, then each other account its catalog names or its database
 * mirrors.
 */
export async function hubAccounts(settings: HubPlace, store: Store): Promise<string[]> {
  const own = await hubAccount(settings, store);
  return [
    ...new Set([
      ...(own === undefined ? [] : [own]),
      ...(await namedAccounts(settings)),
      ...(await mirroredAccounts(store)),
    ]),
  ];
}

/** The accounts the hub's catalog names (its default and its entities' annotations); none when it cannot be read. */
async function namedAccounts(settings: HubPlace): Promise<string[]> {
  const { catalog } = settings;
  if (catalog === undefined || !existsSync(catalog.dir)) return [];
  const { catalogAccounts, loadCatalogDir } = await import("../../../catalog/index.js");
  try {
    return catalogAccounts(loadCatalogDir(catalog.dir).entities, catalog.account);
  } catch {
    // The commands that need the catalog say what is wrong with it; here it only widens the accounts.
    return catalog.account === undefined ? [] : [catalog.account];
  }
}

/**
 * Why `alias` is not an account of the hub, if it is not: a command working with one account against the
 * database of a hub serving others would mix organisations' incidents (two INC-517s, one MTTR over both).
 */
export async function foreignAccount(
  settings: HubPlace,
  store: Store,
  alias: string,
): Promise<string | undefined> {
  const served = await hubAccounts(settings, store);
  if (served.length === 0 || served.includes(alias)) return undefined;
  return `the hub's database (${hubDatabasePlace(settings)}) holds the incidents of account${served.length > 1 ? "s" : ""} ${served.join(", ")}, not ${alias}'s`;
}

/** Refuses an account the hub does not serve, naming the ones it does and what to do. */
export async function requireHubAccount(
  settings: HubLocalSettings,
  store: Store,
  alias: string,
): Promise<void> {
  const reason = await foreignAccount(settings, store, alias);
  if (reason === undefined) return;
  throw new ConfigError(
    "account",
    `${reason}: mixing organisations in one hub gives wrong answers`,
    `use one of the hub's accounts (incidentkit --account ${await hubAccount(settings, store)} …), or the hub of account ${alias} (--config or --data-dir)`,
  );
}

/**
 * The one account a command reports on (analytics never pool organisations): the one asked for, which the hub
 * must serve, else the hub's own; undefined when the hub has none yet.
 */
export async function reportedAccount(
  settings: HubLocalSettings,
  store: Store,
  asked: string | undefined,
): Promise<string | undefined> {
  if (asked === undefined) return hubAccount(settings, store);
  await requireHubAccount(settings, store, asked);
  return asked;
}

/**
 * The hub's own account is `alias`, recorded on its first start: a hub started later with another would deliver
 * one organisation's alerts into the history of another's. Refuses it, naming the account the hub was started with.
 */
export async function claimHubAccount(
  settings: HubLocalSettings,
  store: Store,
  alias: string,
): Promise<void> {
  const own = await hubAccount(settings, store);
  if (own !== undefined && own !== alias) {
    throw new ConfigError(
      "account",
      `the hub's database (${hubDatabasePlace(settings)}) belongs to account ${own}, not ${alias}: mixing organisations in one hub gives wrong answers`,
      `start the hub with its account (incidentkit --account ${own} up), or give account ${alias} a hub of its own (--config or another data directory)`,
    );
  }
  await recordInstalledAccount(store, alias);
}

/** Opens the hub's database, as its config and the environment name it. Close it when done. */
export async function openHubStore(settings: HubLocalSettings): Promise<Store> {
  const { openStore } = await import("../../../store/index.js");
  return openStore(settings.database);
}

/**
 * Opens the hub's database and its service directory (catalog, mirrored incidents, scorecards) read-only for
 * `use`, and closes them after. No database, or a catalog or scorecard at fault, is a configuration problem.
 */
export async function withHubDirectory<T>(
  settings: HubLocalSettings,
  what: DirectoryUse,
  use: (directory: ServiceDirectory, store: Store) => Promise<T>,
): Promise<T> {
  if (!hubDatabaseExists(settings)) {
    throw new ConfigError(
      "config",
      `no hub database in ${hubDatabasePlace(settings)}, so no incidents to ${what.verb}`,
      "start the hub (incidentkit up) or run incidentkit sync run first",
    );
  }
  const { ServiceDirectory } = await import("../../../app/directory.js");
  const { systemClock } = await import("../../../shared/clock.js");
  const store = await openHubStore(settings);
  try {
    const directory = asConfig(() =>
      ServiceDirectory.open({
        store,
        clock: systemClock,
        ...(settings.catalog ? { catalog: settings.catalog } : {}),
        scorecards: what.scorecards,
        ...(settings.account ? { account: settings.account } : {}),
      }),
    );
    return await use(directory, store);
  } finally {
    await store.close();
  }
}

/** A scorecard at fault is already a configuration problem; so is any other failure to read the files. */
function asConfig<T>(open: () => T): T {
  try {
    return open();
  } catch (error) {
    if (error instanceof IncidentKitError) throw error;
    throw new ConfigError(
      "config",
      messageOf(error),
      "check the catalog and scorecard paths in the hub config, then run the command again",
    );
  }
}
