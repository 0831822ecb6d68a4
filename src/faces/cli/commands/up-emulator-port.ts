import { join } from "node:path";
import { z } from "zod";
import { ConfigError } from "../../../api/errors.js";
import { readJsonFile, writeJsonFileAtomically } from "../../../api/json-file.js";

/**
 * The port of the local emulator a hub delivers to when no incident.io account is configured (the demo's): chosen
 * once, kept in the hub's data directory and listened on again at the next start, so the banner's commands and an
 * exported INCIDENT_IO_BASE_URL keep working across restarts. A new one only when that port is taken.
 */

const SETTING = "emulatorPort";

const PortFileSchema = z.object({ port: z.number().int().min(1).max(65_535) });

/** The file keeping the port, in the hub's data directory. */
export function emulatorPortFile(hubDataDir: string): string {
  return join(hubDataDir, "emulator-port.json");
}

/** The port kept in the hub's data directory; undefined before the emulator's first start. */
export function keptEmulatorPort(hubDataDir: string): number | undefined {
  const file = emulatorPortFile(hubDataDir);
  const content = readJsonFile(file, SETTING);
  if (content === undefined) return undefined;
  const parsed = PortFileSchema.safeParse(content);
  if (!parsed.success) {
    throw new ConfigError(
      SETTING,
      `${file} is not an emulator port file (expected {"port": <1-65535>})`,
      "remove the file: the emulator then picks a free port and keeps it",
    );
  }
  return parsed.data.port;
}

export interface EmulatorPort {
  /** Where the emulator listens. */
  url: string;
  /** The port kept from an earlier start, when another process had it: the emulator listens elsewhere now. */
  taken?: number;
}

/**
 * Listens on the kept port, else (none kept yet, or it is taken) on a free one, which is then kept for the next
 * start. `listen` starts the emulator on a port (0: a free one) and resolves to its URL.
 */
export async function listenOnKeptPort(
  hubDataDir: string,
  listen: (port: number) => Promise<string>,
): Promise<EmulatorPort> {
  const kept = keptEmulatorPort(hubDataDir);
  if (kept !== undefined) {
    try {
      return { url: await listen(kept) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    }
  }
  const url = await listen(0);
  writeJsonFileAtomically(emulatorPortFile(hubDataDir), { port: Number(new URL(url).port) }, SETTING);
  return kept === undefined ? { url } : { url, taken: kept };
}
