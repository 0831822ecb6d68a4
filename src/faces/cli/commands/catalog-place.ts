import { existsSync } from "node:fs";
import type { Config } from "../../../api/config.js";
import { announceLocalHub, findLocalHub } from "../local-hub.js";
import { DEFAULT_HUB_FILE } from "./hub-choice.js";

/** The catalog folder of a working directory without a hub config: `./catalog`. */
const HERE = "catalog";

/**
 * The catalog a `catalog` command reads: `--dir`; else, with a hub.yaml here, the catalog it names; else
 * `./catalog` when there is one; else the demo hub's (the local hub, found as every command finds it), so
 * `catalog validate` works as written beside the demo. A catalog the command found by itself is named on stderr.
 */
export async function catalogDirFor(config: Config, dir: string | undefined): Promise<string> {
  if (dir !== undefined) return dir;
  const hubHere = existsSync(DEFAULT_HUB_FILE);
  if (!hubHere && existsSync(HERE)) return HERE;
  const hub = await findLocalHub(config, {});
  const found = hub.settings.catalog?.dir;
  if (found === undefined) return HERE;
  announceLocalHub(config, hub, `catalog: ${found}, the catalog of ${hub.name} (--dir names another)`);
  return found;
}
