import { join } from "node:path";
import { z } from "zod";
import { ConfigError } from "../../../api/errors.js";
import { readJsonFile, writeJsonFileAtomically } from "../../../api/json-file.js";

/**
 * The admin API key of the local emulator a hub delivers to (the demo's), kept beside its port in the hub's data
 * directory, readable by its owner only: the CLI in another terminal talks to that emulator with it, as the hub's
 * own account, without the user copying the key out of the banner. Written at every start, so it follows the
 * emulator's state.
 */

const SETTING = "emulatorKey";

const KeyFileSchema = z.object({ api_key: z.string().min(16) });

/** The file keeping the key, in the hub's data directory. */
export function emulatorKeyFile(hubDataDir: string): string {
  return join(hubDataDir, "emulator-key.json");
}

/** Keeps the emulator's admin key for the CLI. */
export function keepEmulatorKey(hubDataDir: string, apiKey: string): void {
  writeJsonFileAtomically(emulatorKeyFile(hubDataDir), { api_key: apiKey }, SETTING);
}

/** The key kept in the hub's data directory; undefined before the emulator's first start. */
export function keptEmulatorKey(hubDataDir: string): string | undefined {
  const file = emulatorKeyFile(hubDataDir);
  const content = readJsonFile(file, SETTING);
  if (content === undefined) return undefined;
  const parsed = KeyFileSchema.safeParse(content);
  if (!parsed.success) {
    throw new ConfigError(
      SETTING,
      `${file} is not an emulator key file (expected {"api_key": "<key>"})`,
      "remove the file: the hub writes it again at its next start",
    );
  }
  return parsed.data.api_key;
}
