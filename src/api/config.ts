import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { readJsonFile } from "./json-file.js";

/**
 * Configuration read once at start from the environment (and, for accounts, a config file), then passed
 * down. No other module reads `process.env`.
 */
export interface Config {
  /** Where incidentkit keeps its data (the emulator's database, later the hub's store). */
  dataDir: string;
  /**
   * The config file (JSON). Its accounts: `{ "defaultAccount"?: alias, "accounts": { alias: { "apiKey" |
   * "apiKeyEnv", "baseUrl"? } } }`, read and written by `api/accounts.ts`.
   */
  configFile: string;
  /**
   * The environment accounts read (`INCIDENT_IO_API_KEY`, `INCIDENT_IO_BASE_URL`…). All of it: an account's
   * `apiKeyEnv` can name any variable.
   */
  accountEnv: Readonly<Record<string, string | undefined>>;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const home = env.HOME ?? homedir();
  const dataHome = env.XDG_DATA_HOME ?? join(home, ".local", "share");
  const configHome = env.XDG_CONFIG_HOME ?? join(home, ".config");
  return {
    dataDir: resolve(env.INCIDENTKIT_DATA_DIR ?? join(dataHome, "incidentkit")),
    configFile: resolve(env.INCIDENTKIT_CONFIG ?? join(configHome, "incidentkit", "config.json")),
    accountEnv: Object.freeze({ ...env }),
  };
}

/**
 * The config file's parsed JSON, or undefined when there is none. Anything else that goes wrong is a
 * `ConfigError` naming the file and the problem, never quoting the file (it may hold API keys).
 */
export function readConfigFile(path: string): unknown {
  return readJsonFile(path);
}
