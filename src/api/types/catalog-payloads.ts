import type {
  CATALOG_ATTRIBUTE_MODES,
  CATALOG_TYPE_CATEGORIES,
  CATALOG_TYPE_COLORS,
  CATALOG_TYPE_ICONS,
} from "./catalog.js";

/** Catalog V3 request bodies, as incident.io names them. Plain types: we build these, incident.io validates them. */

export type CatalogTypeColor = (typeof CATALOG_TYPE_COLORS)[number];
export type CatalogTypeCategory = (typeof CATALOG_TYPE_CATEGORIES)[number];
export type CatalogTypeIcon = (typeof CATALOG_TYPE_ICONS)[number];
export type CatalogAttributeMode = (typeof CATALOG_ATTRIBUTE_MODES)[number];

/** `CatalogUpdateTypePayloadV3`: name and description are required; the schema is changed separately. */
export interface CatalogTypeUpdatePayload {
  name: string;
  description: string;
  annotations?: Record<string, string>;
  categories?: CatalogTypeCategory[];
  color?: CatalogTypeColor;
  icon?: CatalogTypeIcon;
  owning_team_ids?: string[];
  ranked?: boolean;
  source_repo_url?: string;
  /** Entries can then be referred to by name, as well as by external ID and alias. */
  use_name_as_identifier?: boolean;
}

/** `CatalogCreateTypePayloadV3`. */
export interface CatalogTypeCreatePayload extends CatalogTypeUpdatePayload {
  /** `Custom["SomeName"]`; immutable once created. */
  type_name?: string;
}

/** `CatalogTypeAttributePayloadV3`. Leave `id` out to add an attribute; attributes left out are removed. */
export interface CatalogAttributePayload {
  id?: string;
  name: string;
  /** `String`, `Text`, `Number`, `Bool`, or a catalog type's `type_name` (see `catalogResources.list()`). */
  type: string;
  array: boolean;
  mode?: CatalogAttributeMode;
  /** Makes this a backlink: the ID of the attribute of `type` that points at this type. */
  backlink_attribute?: string;
  /** Makes this a path: the attributes to follow, starting on this type. */
  path?: { attribute_id: string }[];
}

/** `CatalogUpdateTypeSchemaPayloadV3`: every attribute the type keeps, with the version it was read at. */
export interface CatalogTypeSchemaPayload {
  version: number;
  attributes: CatalogAttributePayload[];
}

/** `CatalogEngineParamBindingPayloadV3`: `value` for a scalar attribute, `array_value` for an array one. */
export interface CatalogBindingPayload {
  value?: { literal?: string };
  array_value?: { literal?: string }[];
}

/** `CatalogCreateEntryPayloadV3`. A create whose `external_id` the type already has updates that entry. */
export interface CatalogEntryCreatePayload {
  catalog_type_id: string;
  name: string;
  /** Keyed by attribute ID. */
  attribute_values: Record<string, CatalogBindingPayload>;
  external_id?: string;
  aliases?: string[];
  rank?: number;
}

/** `CatalogUpdateEntryPayloadV3`. */
export interface CatalogEntryUpdatePayload {
  name: string;
  attribute_values: Record<string, CatalogBindingPayload>;
  external_id?: string;
  aliases?: string[];
  rank?: number;
  /** Only these attributes change; one listed but missing from `attribute_values` is cleared. */
  update_attributes?: string[];
}

/** `PartialEntryPayloadV3`: fields left out keep their value, except `rank`, which is cleared. */
export interface CatalogEntryPartialPayload {
  entry_id: string;
  attribute_values: Record<string, CatalogBindingPayload>;
  name?: string;
  external_id?: string;
  aliases?: string[];
  rank?: number;
}

/** `CatalogBulkUpdateEntriesPayloadV3`: up to 250 entries of one type, applied all or none. */
export interface CatalogEntriesBulkUpdatePayload {
  catalog_type_id: string;
  entries: CatalogEntryPartialPayload[];
  update_attributes?: string[];
}
