import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Config } from "../../../api/config.js";
import { ConfigError, IncidentKitError } from "../../../api/index.js";
import type { HubLocalSettings } from "../../../hub/config.js";

/** The hub config file `up` and `alerts history` look for in the working directory. */
export const DEFAULT_HUB_FILE = "hub.yaml";

/** Which hub a command means: one described by a config file, or the built-in demo. */
export type HubChoice = { kind: "file"; file: string } | { kind: "demo" };

/** `--config` if given (it must then exist), else `hub.yaml` in the working directory, else the demo hub. */
export function chooseHub(configFlag: string | undefined): HubChoice {
  if (configFlag !== undefined) return { kind: "file", file: resolve(configFlag) };
  const here = resolve(DEFAULT_HUB_FILE);
  return existsSync(here) ? { kind: "file", file: here } : { kind: "demo" };
}

/** A config or rules file's text; a missing file is a configuration problem naming it. */
export function readConfig(file: string, what: string): string {
  if (!existsSync(file)) {
    throw new ConfigError(
      "config",
      `${what} ${file} does not exist`,
      "write one with incidentkit init <dir> (from the examples), or pass --config <file>",
    );
  }
  return readFileSync(file, "utf8");
}

/** A config or rules file at fault is a configuration problem (exit code 3), its message naming file and line. */
export function asConfigError<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof IncidentKitError || !(error instanceof Error)) throw error;
    throw new ConfigError(
      "config",
      error.message,
      "correct the file at the line named, then start the hub again",
    );
  }
}

/**
 * What the chosen hub's config says of its state: its database (from the variable `database_url_env` names in
 * the CLI's environment, as `up` reads it), account, catalog and scorecards.
 */
export async function chosenHubSettings(
  choice: HubChoice,
  config: Pick<Config, "dataDir" | "accountEnv">,
): Promise<HubLocalSettings> {
  if (choice.kind === "demo") {
    const { demoHubSettings } = await import("../../../hub/demo.js");
    return demoHubSettings(config.dataDir);
  }
  const { hubLocalSettings } = await import("../../../hub/config.js");
  return asConfigError(() =>
    hubLocalSettings(readConfig(choice.file, "the hub config"), choice.file, {
      dataDir: config.dataDir,
      env: config.accountEnv,
    }),
  );
}
