import { z } from "zod";
import { PaginationMeta } from "./common.js";
import { openEnum } from "./open-enum.js";

/** Catalog V3: the organisation's types of thing (services, teams…), their attributes, and their entries. */

export const CATALOG_TYPE_COLORS = ["yellow", "green", "blue", "violet", "pink", "cyan", "orange"] as const;
export const CATALOG_TYPE_CATEGORIES = [
  "customer",
  "issue-tracker",
  "product-feature",
  "service",
  "on-call",
  "team",
  "user",
] as const;
export const CATALOG_TYPE_ICONS = [
  "alert",
  "bolt",
  "box",
  "briefcase",
  "browser",
  "bulb",
  "calendar",
  "clock",
  "cog",
  "components",
  "database",
  "doc",
  "email",
  "escalation-path",
  "files",
  "flag",
  "folder",
  "globe",
  "money",
  "server",
  "severity",
  "status-page",
  "store",
  "star",
  "tag",
  "user",
  "users",
] as const;

/**
 * How an attribute's values are kept: set through the API or the dashboard, synced from elsewhere, or worked out
 * from other entries (`backlink`, `path`: these cannot be set).
 */
export const CATALOG_ATTRIBUTE_MODES = [
  "",
  "api",
  "dashboard",
  "external",
  "internal",
  "dynamic",
  "backlink",
  "path",
] as const;

/** `CatalogTypeAttributeV3`. `type` is a primitive (`String`, `Text`, `Number`, `Bool`) or a type's `type_name`. */
export const CatalogAttribute = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  array: z.boolean(),
  mode: openEnum(CATALOG_ATTRIBUTE_MODES),
  /** For a backlink: the attribute of `type` whose values point at this type's entries. */
  backlink_attribute: z.string().optional(),
  /** For a path: the attributes followed, starting on this type. */
  path: z.array(z.looseObject({ attribute_id: z.string(), attribute_name: z.string() })).optional(),
});
export type CatalogAttribute = z.infer<typeof CatalogAttribute>;

/** `CatalogTypeV3`. `schema.version` must be sent back unchanged to update the schema. */
export const CatalogType = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** e.g. `Custom["Service"]`: how attributes of other types refer to this one. Immutable. */
  type_name: z.string(),
  engine_resource_type: z.string(),
  categories: z.array(openEnum(CATALOG_TYPE_CATEGORIES)),
  color: openEnum(CATALOG_TYPE_COLORS),
  icon: openEnum(CATALOG_TYPE_ICONS),
  ranked: z.boolean(),
  is_editable: z.boolean(),
  /** Free-form metadata, e.g. the sync ID of the importer that manages the type. */
  annotations: z.record(z.string(), z.string()),
  use_name_as_identifier: z.boolean(),
  schema: z.looseObject({ version: z.number(), attributes: z.array(CatalogAttribute) }),
  created_at: z.string(),
  updated_at: z.string(),
  estimated_count: z.number().optional(),
  is_team_type: z.boolean().optional(),
  owning_team_ids: z.array(z.string()).optional(),
  source_repo_url: z.string().optional(),
  registry_type: z.string().optional(),
  required_integrations: z.array(z.string()).optional(),
  last_synced_at: z.string().optional(),
  dynamic_resource_parameter: z.string().optional(),
});
export type CatalogType = z.infer<typeof CatalogType>;

/**
 * `CatalogEntryEngineParamBindingValueV3`: `literal` is what was set (for a reference, the ID, external ID or alias
 * it was given as); `label` is what to show (for a reference, the entry's name).
 */
export const CatalogValue = z.looseObject({ label: z.string(), literal: z.string().optional() });
export type CatalogValue = z.infer<typeof CatalogValue>;

/** `CatalogEntryEngineParamBindingV3`: `value` for a scalar attribute, `array_value` for an array one. */
export const CatalogBinding = z.looseObject({
  value: CatalogValue.optional(),
  array_value: z.array(CatalogValue).optional(),
});
export type CatalogBinding = z.infer<typeof CatalogBinding>;

/** `CatalogEntryV3`. `attribute_values` is keyed by attribute ID; attributes without a value are absent. */
export const CatalogEntry = z.looseObject({
  id: z.string(),
  catalog_type_id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  rank: z.number(),
  attribute_values: z.record(z.string(), CatalogBinding),
  created_at: z.string(),
  updated_at: z.string(),
  external_id: z.string().optional(),
  archived_at: z.string().optional(),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

/** `CatalogResourceV3`: a type an attribute can hold. */
export const CatalogResource = z.looseObject({
  type: z.string(),
  label: z.string(),
  description: z.string(),
  engine_resource_type: z.string(),
  value_docstring: z.string(),
  category: openEnum(["primitive", "custom", "external"]),
});
export type CatalogResource = z.infer<typeof CatalogResource>;

/** The envelopes of the catalog operations. */
export const CatalogTypeResult = z.looseObject({ catalog_type: CatalogType });
export type CatalogTypeResult = z.infer<typeof CatalogTypeResult>;
export const CatalogTypesListResult = z.looseObject({ catalog_types: z.array(CatalogType) });
export const CatalogEntryResult = z.looseObject({ catalog_entry: CatalogEntry });
export type CatalogEntryResult = z.infer<typeof CatalogEntryResult>;
/** Show and update answer with the entry and its type. */
export const CatalogEntryWithTypeResult = z.looseObject({
  catalog_entry: CatalogEntry,
  catalog_type: CatalogType,
});
export type CatalogEntryWithTypeResult = z.infer<typeof CatalogEntryWithTypeResult>;
export const CatalogEntriesListResult = z.looseObject({
  catalog_entries: z.array(CatalogEntry),
  catalog_type: CatalogType,
  pagination_meta: PaginationMeta,
});
export const CatalogResourcesListResult = z.looseObject({ resources: z.array(CatalogResource) });
