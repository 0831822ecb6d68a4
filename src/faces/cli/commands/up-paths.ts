import { existsSync } from "node:fs";
import { relative } from "node:path";
import { ConfigError } from "../../../api/index.js";
import type { HubConfig } from "../../../hub/config.js";

/**
 * The folders a hub config names exist: a catalog or scorecards setting copied from the examples without the
 * folder it points at stops the hub at start, naming the setting, the file and how to get the folders.
 */
export function checkHubPaths(config: Pick<HubConfig, "file" | "catalog" | "scorecards">): void {
  const missing = [
    ...(config.catalog && !existsSync(config.catalog.dir)
      ? [{ setting: "catalog.dir", path: config.catalog.dir, what: "catalog-info.yaml files" }]
      : []),
    ...(config.scorecards !== undefined && !existsSync(config.scorecards)
      ? [{ setting: "scorecards", path: config.scorecards, what: "scorecard files" }]
      : []),
  ];
  const [first] = missing;
  if (first === undefined) return;
  const named = missing.map((entry) => `${entry.setting} (${entry.path})`).join(" and ");
  throw new ConfigError(
    first.setting,
    `${config.file} names ${named}, which ${missing.length > 1 ? "do" : "does"} not exist`,
    `create ${missing.length > 1 ? "them" : "it"} with your ${missing.map((entry) => entry.what).join(" and ")} (incidentkit init <dir> writes a hub.yaml with both, from the examples), or correct ${missing.map((entry) => entry.setting).join(" and ")} in ${relative(process.cwd(), config.file) || config.file}`,
  );
}
