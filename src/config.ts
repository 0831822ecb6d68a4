import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/**
 * Configuration read once at start from the environment (and, for accounts, a config file), then passed
 * down. No other module reads `process.env`.
 */
export interface Config {
  /** Where incidentkit keeps its data (the emulator's database, later the hub's store). */
  dataDir: string;
  /** The accounts file (JSON): `{ "accounts": [{ "alias", "apiKey", "baseUrl"?, "default"? }] }`. */
  configFile: string;
  /** The environment variables that configure accounts, passed to `api/accounts.ts`. */
  accountEnv: Record<string, string | undefined>;
}

const ACCOUNT_ENV = ["INCIDENT_IO_API_KEY", "INCIDENTIO_API_KEY", "INCIDENT_API_KEY", "INCIDENT_IO_BASE_URL"];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const home = env.HOME ?? homedir();
  const dataHome = env.XDG_DATA_HOME ?? join(home, ".local", "share");
  const configHome = env.XDG_CONFIG_HOME ?? join(home, ".config");
  return {
    dataDir: resolve(env.INCIDENTKIT_DATA_DIR ?? join(dataHome, "incidentkit")),
    configFile: resolve(env.INCIDENTKIT_CONFIG ?? join(configHome, "incidentkit", "config.json")),
    accountEnv: Object.fromEntries(ACCOUNT_ENV.map((name) => [name, env[name]])),
  };
}

/** The accounts file's parsed JSON, or undefined when there is none. Errors name the file. */
export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON (${(error as Error).message}); fix or remove the file.`);
  }
}
