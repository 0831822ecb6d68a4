import { dirname, resolve } from "node:path";
import { z } from "zod";
import { ALIAS_PATTERN } from "../api/accounts-file.js";
import { durationSetting } from "../shared/duration-setting.js";

/** The custom field incidents name their services in, unless the config says otherwise. */
export const DEFAULT_CATALOG_FIELD = "Affected services";

/**
 * The hub config's `catalog:` section:
 *
 * ```yaml
 * catalog:
 *   dir: ./catalog              # the folder of catalog-info.yaml files, relative to the config file
 *   field: Affected services    # the incident.io custom field (name or ID) incidents name entities in
 *   account: prod               # the account of entities without an incidentkit.io/account annotation
 *   push_every: 1h              # push it into incident.io's catalog (as `catalog push`) at start and this often
 * ```
 */
export const CatalogConfigSchema = z.strictObject({
  dir: z.string().trim().min(1, { error: "give the catalog folder, e.g. ./catalog" }),
  field: z
    .string()
    .trim()
    .min(1, { error: "give the custom field's name or ID, e.g. Affected services" })
    .default(DEFAULT_CATALOG_FIELD),
  account: z
    .string()
    .regex(ALIAS_PATTERN, { error: "must be an account alias (lower-case letters, digits, - and _)" })
    .optional(),
  push_every: durationSetting({ min: { ms: 60_000, problem: "at least 1m" } }).optional(),
});

export type CatalogConfigInput = z.input<typeof CatalogConfigSchema>;

export interface CatalogConfig {
  /** Absolute. */
  dir: string;
  field: string;
  account?: string;
  /** `push_every`: the hub pushes the catalog into incident.io's catalog this often; absent, never. */
  pushEveryMs?: number;
}

/** The checked section, its folder resolved against the config file's folder. */
export function catalogConfigFrom(
  section: z.output<typeof CatalogConfigSchema>,
  configFile: string,
): CatalogConfig {
  return {
    dir: resolve(dirname(resolve(configFile)), section.dir),
    field: section.field,
    ...(section.account !== undefined ? { account: section.account } : {}),
    ...(section.push_every !== undefined ? { pushEveryMs: section.push_every } : {}),
  };
}

/** Checks a `catalog:` section (already read from YAML); throws zod's error, whose issues carry the path. */
export function parseCatalogConfig(section: unknown, configFile: string): CatalogConfig {
  return catalogConfigFrom(CatalogConfigSchema.parse(section), configFile);
}
