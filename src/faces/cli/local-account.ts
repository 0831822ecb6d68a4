import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import {
  type Account,
  BASE_URL_ENV_NAME,
  ENV_ALIAS,
  type Environment,
  type LoadedAccounts,
  loadAccounts,
  resolveAccount,
} from "../../api/accounts.js";
import type { Config } from "../../api/config.js";
import { ConfigError } from "../../api/errors.js";
import { globalsOf } from "./global-options.js";
import {
  announceLocalHub,
  type HubFlags,
  LOCAL_EMULATOR_ALIAS,
  type LocalHub,
  preparedHub,
  prepareRun,
} from "./local-hub.js";

/**
 * The account a command uses: `--account`, else the default, as configured; where nothing configured says
 * otherwise, the local hub's own (see local-hub.ts), so the commands the demo's banner and README show work in
 * a second terminal as written:
 *
 * - nothing configured: the hub's local emulator, while the hub runs;
 * - `--account emulator`, no account so named: the same (the account the hub records as its own);
 * - no `--account`, and INCIDENT_IO_API_KEY with INCIDENT_IO_BASE_URL at the hub's emulator (as its banner
 *   shows): that emulator, as the hub's account `emulator`. Under the alias `env` it would be a second account
 *   mirroring the same incidents.
 */
export function chooseAccount(config: Config, alias: string | undefined): Account {
  const loaded = loadAccounts(config);
  if (!mayBeLocalHubs(loaded, alias, config.accountEnv)) return resolveAccount(loaded, alias);
  const fromEnv = loaded.accounts.find((account) => account.source === "env");
  if (alias === undefined && fromEnv !== undefined) {
    const hub = hubIfFound(config);
    if (hub?.emulator === undefined || !sameOrigin(fromEnv.baseUrl, hub.emulator.url)) return fromEnv;
    announceLocalHub(config, hub);
    return { ...fromEnv, alias: LOCAL_EMULATOR_ALIAS };
  }
  const hub = preparedHub(config);
  if (hub?.emulator === undefined) throw noEmulator(alias, hub);
  if (hub.running === undefined) throw notRunning(alias, hub);
  announceLocalHub(config, hub);
  return {
    alias: LOCAL_EMULATOR_ALIAS,
    apiKey: hub.emulator.apiKey,
    baseUrl: hub.emulator.url,
    source: "hub",
  };
}

/**
 * Whether the account may be a local hub's, so the hub must be found first: nothing configured, `--account
 * emulator` with no account so named, or the environment's key (the default) pointed at a URL of its own.
 */
export function mayBeLocalHubs(loaded: LoadedAccounts, alias: string | undefined, env: Environment): boolean {
  const known = [...loaded.accounts, ...loaded.unavailable].map((account) => account.alias);
  if (alias !== undefined) return alias === LOCAL_EMULATOR_ALIAS && !known.includes(alias);
  if (known.length === 0) return true;
  return loaded.defaultAlias === ENV_ALIAS && (env[BASE_URL_ENV_NAME]?.trim() ?? "") !== "";
}

/** The hub, if it could be found: a hub config at fault does not stop a command that has an account. */
function hubIfFound(config: Config): LocalHub | undefined {
  try {
    return preparedHub(config);
  } catch {
    return undefined;
  }
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** How to start the hub, for hints. */
function startCommand(hub: LocalHub): string {
  return hub.choice.kind === "demo"
    ? "npx incidentkit up, or npm start in a clone"
    : `incidentkit up --config ${hub.choice.file}`;
}

const ADD_ACCOUNT = "incidentkit accounts add <alias> --api-key-env INCIDENT_IO_API_KEY --default";

function noEmulator(alias: string | undefined, hub: LocalHub | undefined): ConfigError {
  const what =
    alias === undefined ? "no incident.io account is configured" : `no account is named "${alias}"`;
  if (hub === undefined) return new ConfigError("account", what, `add one: ${ADD_ACCOUNT}`);
  return new ConfigError(
    "account",
    `${what}, and ${hub.name} (data directory ${hub.settings.dataDir}) has no local emulator: it has not started yet, or it delivers to incident.io`,
    `start it in another terminal (${startCommand(hub)}): commands then use its emulator; or add an account: ${ADD_ACCOUNT}`,
  );
}

function notRunning(alias: string | undefined, hub: LocalHub): ConfigError {
  const what =
    alias === undefined ? "no incident.io account is configured" : `no account is named "${alias}"`;
  return new ConfigError(
    "account",
    `${what}, and ${hub.name} (data directory ${hub.settings.dataDir}) is not running, so neither is its emulator`,
    `start it in another terminal (${startCommand(hub)}); or add an account: ${ADD_ACCOUNT}`,
  );
}

/** Commands that are a hub or an emulator themselves, or manage the accounts: they never use a hub's. */
function usesNoHubAccount(command: CommandUnknownOpts): boolean {
  return ["up", "emulator", "init"].includes(command.name()) || command.parent?.name() === "accounts";
}

/**
 * Before each command runs (commander's preAction hook): finds the local hub when the account may be its own,
 * since the account is chosen synchronously, deep inside the command.
 */
export async function beforeCommand(config: Config, command: CommandUnknownOpts): Promise<void> {
  // `--config` and `--data-dir` belong to the commands that read a hub's state; the others have neither.
  const opts = { ...(command.optsWithGlobals() as HubFlags), ...globalsOf(command) };
  let needsHub = false;
  if (!usesNoHubAccount(command)) {
    try {
      needsHub = mayBeLocalHubs(loadAccounts(config), opts.account, config.accountEnv);
    } catch {
      // An accounts file at fault: the command says so when it reads the account.
    }
  }
  await prepareRun(config, opts, needsHub);
}
