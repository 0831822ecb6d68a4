import { z } from "zod";
import { checkBaseUrl } from "./base-url.js";
import { ConfigError } from "./errors.js";
import { formatPath } from "./parse.js";
import { redact } from "./redact.js";

/**
 * The accounts part of the config file:
 *
 * ```json
 * {
 *   "defaultAccount": "prod",
 *   "accounts": {
 *     "prod": { "apiKey": "inc_…" },
 *     "staging": { "apiKeyEnv": "STAGING_INCIDENT_KEY", "baseUrl": "https://api.incident.io" }
 *   }
 * }
 * ```
 *
 * Keyed by alias so an alias cannot appear twice. Each account has exactly one of `apiKey` (stored in the file)
 * and `apiKeyEnv` (the name of an environment variable holding the key, so the file can be shared or committed).
 * Other top-level keys are left alone: the file may hold other sections.
 */
export interface AccountsFile {
  defaultAccount?: string;
  accounts: Record<string, AccountEntry>;
  [section: string]: unknown;
}

export interface AccountEntry {
  apiKey?: string;
  apiKeyEnv?: string;
  baseUrl?: string;
  /** The status (name or ID) `incidents close` moves to, when the organisation has several closed ones. */
  closedStatus?: string;
}

/** An entry as read or given, before `checkEntry`: a property given as undefined is absent. */
export type AccountEntryInput = { [K in keyof AccountEntry]?: AccountEntry[K] | undefined };

/** The alias of the account formed from `INCIDENT_IO_API_KEY`; the file cannot use it. */
export const ENV_ALIAS = "env";

export const ALIAS_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const ALIAS_RULE =
  "lower-case letters, digits, - and _, starting with a letter or digit, at most 40 characters";
const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** What fits in an Authorization header: printable ASCII without spaces. */
const API_KEY_PATTERN = /^[\x21-\x7e]+$/;

const Entry = z.strictObject({
  apiKey: z.string().optional(),
  apiKeyEnv: z.string().optional(),
  baseUrl: z.string().optional(),
  closedStatus: z.string().trim().min(1).optional(),
});

const Shape = z.looseObject({
  defaultAccount: z.string().optional(),
  accounts: z.record(z.string(), Entry).optional(),
});

/**
 * The strings that may be key material: every value inside an account entry except its `baseUrl` and `apiKeyEnv`
 * (a misspelt `"apikey": "…"` holds a key too). Errors are redacted against them.
 */
function possibleKeys(content: unknown): string[] {
  const accounts = (content as { accounts?: unknown } | null)?.accounts;
  if (accounts === null || typeof accounts !== "object") return [];
  const keys: string[] = [];
  for (const entry of Object.values(accounts)) {
    if (typeof entry === "string") keys.push(entry);
    if (entry === null || typeof entry !== "object") continue;
    for (const [field, value] of Object.entries(entry)) {
      if (field !== "baseUrl" && field !== "apiKeyEnv" && field !== "closedStatus")
        keys.push(...stringsIn(value));
    }
  }
  return keys;
}

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The same error, its message prefixed with the file and redacted. */
function inFile(file: string, error: ConfigError, secrets: readonly string[]): ConfigError {
  return new ConfigError(error.setting, redact(`${file}: ${error.message}`, [...secrets]), error.hint);
}

export function checkAlias(alias: string, setting = "alias"): string {
  if (!ALIAS_PATTERN.test(alias)) {
    throw new ConfigError(
      setting,
      `${setting}: ${JSON.stringify(redact(alias))} is not a valid account alias (${ALIAS_RULE})`,
      "pick an alias such as prod or staging",
    );
  }
  return alias;
}

export function checkApiKey(apiKey: string, setting: string): string {
  const key = apiKey.trim();
  if (key === "") throw new ConfigError(setting, `${setting} is empty`, "paste the API key from incident.io");
  if (!API_KEY_PATTERN.test(key)) {
    throw new ConfigError(
      setting,
      `${setting} contains characters an API key cannot have (spaces or control characters)`,
      "copy the key again from incident.io's API keys settings",
    );
  }
  return key;
}

export function checkEnvName(name: string, setting: string): string {
  if (!ENV_NAME_PATTERN.test(name)) {
    throw new ConfigError(
      setting,
      `${setting} must be an environment variable name (letters, digits and _), got ${JSON.stringify(redact(name))}`,
      "name the variable that holds the key, e.g. PROD_INCIDENT_KEY",
    );
  }
  return name;
}

/** An entry checked field by field; `setting` names in errors look like `accounts.prod.baseUrl`. */
export function checkEntry(alias: string, entry: AccountEntryInput): AccountEntry {
  const at = `accounts.${alias}`;
  checkAlias(alias, at);
  if (alias === ENV_ALIAS) {
    throw new ConfigError(
      at,
      `${at}: the alias "${ENV_ALIAS}" is reserved for the account formed from INCIDENT_IO_API_KEY`,
      "pick another alias",
    );
  }
  if ((entry.apiKey === undefined) === (entry.apiKeyEnv === undefined)) {
    throw new ConfigError(
      at,
      `${at} needs exactly one of apiKey and apiKeyEnv`,
      "give the key itself as apiKey, or the name of the environment variable holding it as apiKeyEnv",
    );
  }
  const checked: AccountEntry = {};
  if (entry.apiKey !== undefined) checked.apiKey = checkApiKey(entry.apiKey, `${at}.apiKey`);
  if (entry.apiKeyEnv !== undefined) checked.apiKeyEnv = checkEnvName(entry.apiKeyEnv, `${at}.apiKeyEnv`);
  if (entry.baseUrl !== undefined) checked.baseUrl = checkBaseUrl(entry.baseUrl, `${at}.baseUrl`);
  if (entry.closedStatus !== undefined) checked.closedStatus = entry.closedStatus;
  return checked;
}

function shapeError(content: unknown, issue: z.core.$ZodIssue | undefined): ConfigError {
  const setting = formatPath(issue?.path ?? []);
  if (setting === "accounts" && Array.isArray((content as { accounts?: unknown }).accounts)) {
    return new ConfigError(
      setting,
      'accounts must be an object keyed by alias, e.g. {"prod": {"apiKey": "inc_…"}}, not a list',
      'move each account under its alias, and name the default in "defaultAccount"',
    );
  }
  const problem =
    issue?.code === "unrecognized_keys"
      ? `has fields an account cannot have: ${issue.keys.join(", ")} (known: apiKey, apiKeyEnv, baseUrl, closedStatus)`
      : (issue?.message ?? "is invalid");
  return new ConfigError(
    setting,
    `${setting}: ${problem}`,
    "fix the file, or remove it and add accounts again",
  );
}

/**
 * The file's content (undefined when there is no file) as accounts, or a `ConfigError` naming the file and the
 * field at fault. Messages never carry key material.
 */
export function parseAccountsFile(file: string, content: unknown): AccountsFile {
  if (content === undefined) return { accounts: {} };
  const secrets = possibleKeys(content);
  const result = Shape.safeParse(content);
  if (!result.success) throw inFile(file, shapeError(content, result.error.issues[0]), secrets);
  const { accounts = {}, defaultAccount, ...sections } = result.data;
  const checked: Record<string, AccountEntry> = {};
  try {
    for (const [alias, entry] of Object.entries(accounts)) checked[alias] = checkEntry(alias, entry);
  } catch (error) {
    if (error instanceof ConfigError) throw inFile(file, error, secrets);
    throw error;
  }
  if (
    defaultAccount !== undefined &&
    defaultAccount !== ENV_ALIAS &&
    !Object.hasOwn(checked, defaultAccount)
  ) {
    const known = Object.keys(checked).join(", ") || "none";
    const error = new ConfigError(
      "defaultAccount",
      `defaultAccount names ${JSON.stringify(defaultAccount)}, which is not an account in the file (accounts: ${known})`,
      "set defaultAccount to one of the file's aliases, or remove it",
    );
    throw inFile(file, error, secrets);
  }
  return { ...sections, ...(defaultAccount !== undefined ? { defaultAccount } : {}), accounts: checked };
}
