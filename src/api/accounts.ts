import {
  type AccountEntry,
  type AccountsFile,
  checkAlias,
  checkApiKey,
  checkEntry,
  ENV_ALIAS,
  parseAccountsFile,
} from "./accounts-file.js";
import { checkBaseUrl } from "./base-url.js";
import { ConfigError } from "./errors.js";
import { readJsonFile, writeJsonFileAtomically } from "./json-file.js";

export { ENV_ALIAS } from "./accounts-file.js";

/** An incident.io organisation incidentkit can talk to, by alias. `new IncidentIo(account)` connects to it. */
export interface Account {
  alias: string;
  apiKey: string;
  /** Normalised; https://api.incident.io unless the account says otherwise. */
  baseUrl: string;
  /** `hub`: a local hub's emulator, which the CLI found (see faces/cli/local-account.ts). */
  source: "env" | "file" | "hub";
  /** The environment variable the key was read from, when it came from one. */
  apiKeyEnv?: string;
  /** The status (name or ID) closing an incident moves it to, when configured. */
  closedStatus?: string;
}

/** A file account whose `apiKeyEnv` variable is not set: known by alias, but it cannot connect. */
export interface UnavailableAccount {
  alias: string;
  baseUrl: string;
  source: "file";
  apiKeyEnv: string;
}

export interface LoadedAccounts {
  accounts: Account[];
  /** The account to use when none is named; see `loadAccounts` for the order of precedence. */
  defaultAlias?: string;
  unavailable: UnavailableAccount[];
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** Where accounts come from: `Config` (config.ts) fits. */
export interface AccountSources {
  configFile: string;
  accountEnv?: Environment;
}

/** The variables that hold the `env` account's key, first set wins. */
export const API_KEY_ENV_NAMES = ["INCIDENT_IO_API_KEY", "INCIDENTIO_API_KEY", "INCIDENT_API_KEY"] as const;
export const BASE_URL_ENV_NAME = "INCIDENT_IO_BASE_URL";

const ADD_HINT = "set INCIDENT_IO_API_KEY or run incidentkit accounts add <alias>";

function nonEmpty(env: Environment, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === "" ? undefined : value;
}

function envAccount(env: Environment): Account | undefined {
  const name = API_KEY_ENV_NAMES.find((candidate) => nonEmpty(env, candidate) !== undefined);
  if (name === undefined) return undefined;
  return {
    alias: ENV_ALIAS,
    apiKey: checkApiKey(nonEmpty(env, name) as string, name),
    baseUrl: checkBaseUrl(env[BASE_URL_ENV_NAME], BASE_URL_ENV_NAME),
    source: "env",
    apiKeyEnv: name,
  };
}

function fileAccount(alias: string, entry: AccountEntry, env: Environment): Account | UnavailableAccount {
  const baseUrl = checkBaseUrl(entry.baseUrl, `accounts.${alias}.baseUrl`);
  const closedStatus = entry.closedStatus !== undefined ? { closedStatus: entry.closedStatus } : {};
  if (entry.apiKeyEnv === undefined)
    return { alias, apiKey: entry.apiKey as string, baseUrl, source: "file", ...closedStatus };
  const value = nonEmpty(env, entry.apiKeyEnv);
  if (value === undefined) return { alias, baseUrl, source: "file", apiKeyEnv: entry.apiKeyEnv };
  return {
    alias,
    apiKey: checkApiKey(value, entry.apiKeyEnv),
    baseUrl,
    source: "file",
    apiKeyEnv: entry.apiKeyEnv,
    ...closedStatus,
  };
}

/**
 * Every account from the config file and the environment (`INCIDENT_IO_API_KEY` or its aliases, with
 * `INCIDENT_IO_BASE_URL`, form the account `env`). The default, in order: the file's explicit `defaultAccount`;
 * else `env` when the environment has a key (what a one-off `INCIDENT_IO_API_KEY=… incidentkit …` means);
 * else the only account there is.
 */
export function loadAccounts(
  sources: AccountSources,
  env: Environment = sources.accountEnv ?? {},
): LoadedAccounts {
  const file = parseAccountsFile(sources.configFile, readJsonFile(sources.configFile));
  const accounts: Account[] = [];
  const unavailable: UnavailableAccount[] = [];
  for (const [alias, entry] of Object.entries(file.accounts)) {
    const account = fileAccount(alias, entry, env);
    if ("apiKey" in account) accounts.push(account);
    else unavailable.push(account);
  }
  const fromEnv = envAccount(env);
  if (fromEnv) accounts.push(fromEnv);
  const aliases = [...accounts, ...unavailable].map((account) => account.alias);
  const defaultAlias =
    file.defaultAccount ?? (fromEnv ? ENV_ALIAS : aliases.length === 1 ? aliases[0] : undefined);
  return { accounts, unavailable, ...(defaultAlias !== undefined ? { defaultAlias } : {}) };
}

/** The named account, or the default one; a `ConfigError` that says what to do when there is none. */
export function resolveAccount(loaded: LoadedAccounts, alias?: string): Account {
  const known = [...loaded.accounts, ...loaded.unavailable].map((account) => account.alias);
  const wanted = alias ?? loaded.defaultAlias;
  if (wanted === undefined) {
    if (known.length === 0) {
      throw new ConfigError("account", "no incident.io account is configured", ADD_HINT);
    }
    throw new ConfigError(
      "account",
      `there are several accounts (${known.join(", ")}) and none is the default`,
      "name one with --account <alias>, or run incidentkit accounts default <alias>",
    );
  }
  const found = loaded.accounts.find((account) => account.alias === wanted);
  if (found) return found;
  const missingKey = loaded.unavailable.find((account) => account.alias === wanted);
  if (missingKey) {
    throw new ConfigError(
      missingKey.apiKeyEnv,
      `account "${wanted}" reads its API key from ${missingKey.apiKeyEnv}, which is not set`,
      `set ${missingKey.apiKeyEnv} to the account's API key`,
    );
  }
  const which = alias === undefined ? `the default account "${wanted}"` : `no account is named "${wanted}"`;
  const listed = known.length > 0 ? `known accounts: ${known.join(", ")}` : "no account is configured";
  throw new ConfigError(
    "account",
    alias === undefined ? `${which} is not configured (${listed})` : `${which} (${listed})`,
    wanted === ENV_ALIAS
      ? ADD_HINT
      : `run incidentkit accounts add ${wanted}, or use one of the known accounts`,
  );
}

/** How a key is shown to people: its last four characters only, e.g. `…3f9a`. Short strings show nothing. */
export function describeKey(apiKey: string): string {
  return apiKey.length >= 12 ? `…${apiKey.slice(-4)}` : "…";
}

/** A new or replaced file account: the key itself, or the name of the variable that holds it. */
export type NewAccount = { alias: string; baseUrl?: string } & (
  | { apiKey: string; apiKeyEnv?: undefined }
  | { apiKeyEnv: string; apiKey?: undefined }
);

function editFile(configFile: string, change: (file: AccountsFile) => AccountsFile): void {
  const current = parseAccountsFile(configFile, readJsonFile(configFile));
  const next = change(current);
  writeJsonFileAtomically(configFile, parseAccountsFile(configFile, next));
}

function unknownAlias(alias: string, file: AccountsFile, configFile: string): ConfigError {
  const known = Object.keys(file.accounts);
  return new ConfigError(
    "alias",
    `${configFile} has no account named "${alias}" (${known.length > 0 ? `accounts: ${known.join(", ")}` : "it has no accounts"})`,
    "run incidentkit accounts list to see the accounts",
  );
}

/** Adds the account to the file, or replaces the one with the same alias; `makeDefault` makes it the default. */
export function saveAccount(
  configFile: string,
  account: NewAccount,
  options: { makeDefault?: boolean | undefined } = {},
): void {
  const alias = checkAlias(account.alias);
  const entry = checkEntry(alias, {
    apiKey: account.apiKey,
    apiKeyEnv: account.apiKeyEnv,
    baseUrl: account.baseUrl,
  });
  editFile(configFile, (file) => ({
    ...file,
    accounts: { ...file.accounts, [alias]: entry },
    ...(options.makeDefault ? { defaultAccount: alias } : {}),
  }));
}

/** Removes the account from the file; if it was the default, there is no explicit default any more. */
export function removeAccount(configFile: string, alias: string): void {
  editFile(configFile, (file) => {
    if (!Object.hasOwn(file.accounts, alias)) throw unknownAlias(alias, file, configFile);
    const { [alias]: _removed, ...accounts } = file.accounts;
    const { defaultAccount, ...rest } = file;
    return {
      ...rest,
      accounts,
      ...(defaultAccount !== undefined && defaultAccount !== alias ? { defaultAccount } : {}),
    };
  });
}

/** Makes the account the default: one of the file's aliases, or `env` for the environment's key. */
export function setDefaultAccount(configFile: string, alias: string): void {
  editFile(configFile, (file) => {
    if (alias !== ENV_ALIAS && !Object.hasOwn(file.accounts, alias))
      throw unknownAlias(alias, file, configFile);
    return { ...file, defaultAccount: alias };
  });
}
