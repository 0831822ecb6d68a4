import { z } from "zod";
import { newId } from "../shared/ids.js";
import { liveEntries, liveTypes, schemaOf, typeByName } from "./catalog-store.js";
import type { Change } from "./db.js";
import { validationError } from "./errors.js";
import type { CatalogAttributeRecord, CatalogTypeRecord } from "./model.js";
import type { EmulatorState } from "./state.js";

/** The enums of `CatalogCreateTypePayloadV3`. */
export const CATALOG_TYPE_CATEGORIES = [
  "customer",
  "issue-tracker",
  "product-feature",
  "service",
  "on-call",
  "team",
  "user",
] as const;
export const CATALOG_TYPE_COLORS = ["yellow", "green", "blue", "violet", "pink", "cyan", "orange"] as const;
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

/** What a type looks like when its creator chose no colour or icon. */
const DEFAULT_COLOR = "blue";
const DEFAULT_ICON = "box";

/** incident.io's rule for the types it does not sync from elsewhere: `Custom["SomeName"]`. */
const CUSTOM_TYPE_NAME = /^Custom\["[A-Za-z0-9_-]+"\]$/;

const typeFields = {
  name: z.string().trim().min(1, "must not be empty"),
  description: z.string(),
  annotations: z.record(z.string(), z.string()).optional(),
  categories: z.array(z.enum(CATALOG_TYPE_CATEGORIES)).optional(),
  color: z.enum(CATALOG_TYPE_COLORS).optional(),
  icon: z.enum(CATALOG_TYPE_ICONS).optional(),
  owning_team_ids: z.array(z.string()).optional(),
  ranked: z.boolean().optional(),
  source_repo_url: z.string().optional(),
  use_name_as_identifier: z.boolean().optional(),
};

/** `CatalogCreateTypePayloadV3`. */
export const createTypePayload = z.object({ ...typeFields, type_name: z.string().optional() });
/** `CatalogUpdateTypePayloadV3`: the type name is immutable, so it is not here. */
export const updateTypePayload = z.object(typeFields);

/** Creates a type with an empty schema; its attributes come through update_schema. */
export function createCatalogType(
  state: EmulatorState,
  now: number,
  input: z.infer<typeof createTypePayload>,
): CatalogTypeRecord {
  const typeName = input.type_name ?? derivedTypeName(state, input.name);
  if (!CUSTOM_TYPE_NAME.test(typeName)) {
    throw validationError(
      "type_name",
      `type_name must look like Custom["SomeName"] (letters, digits, _ or -), got ${JSON.stringify(typeName)}.`,
    );
  }
  if (liveTypes(state).some((type) => type.type_name === typeName)) {
    throw validationError(
      "type_name",
      `A catalog type named ${typeName} already exists; type names are unique.`,
      "not_unique",
    );
  }
  const at = new Date(now).toISOString();
  const type: CatalogTypeRecord = {
    id: newId(now),
    name: input.name,
    description: input.description,
    type_name: typeName,
    categories: input.categories ?? [],
    color: input.color ?? DEFAULT_COLOR,
    icon: input.icon ?? DEFAULT_ICON,
    ranked: input.ranked ?? false,
    annotations: input.annotations ?? {},
    use_name_as_identifier: input.use_name_as_identifier ?? false,
    ...(input.owning_team_ids ? { owning_team_ids: input.owning_team_ids } : {}),
    ...(input.source_repo_url ? { source_repo_url: input.source_repo_url } : {}),
    schema: { version: 1, attributes: [] },
    created_at: at,
    updated_at: at,
  };
  state.commit([{ collection: "catalog_types", id: type.id, record: type }]);
  return type;
}

/** `Custom["KubernetesCluster"]` for "Kubernetes cluster", numbered when taken. */
function derivedTypeName(state: EmulatorState, name: string): string {
  const words = name.match(/[A-Za-z0-9]+/g) ?? [];
  const base = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("") || "Type";
  const taken = new Set(liveTypes(state).map((type) => type.type_name));
  for (let n = 1; ; n++) {
    const candidate = `Custom["${base}${n === 1 ? "" : n}"]`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Name and description are replaced; any other field left out keeps its value. */
export function updateCatalogType(
  state: EmulatorState,
  now: number,
  type: CatalogTypeRecord,
  input: z.infer<typeof updateTypePayload>,
): CatalogTypeRecord {
  const next: CatalogTypeRecord = { ...type, name: input.name, description: input.description };
  for (const key of [
    "annotations",
    "categories",
    "color",
    "icon",
    "owning_team_ids",
    "ranked",
    "source_repo_url",
    "use_name_as_identifier",
  ] as const) {
    if (input[key] !== undefined) Object.assign(next, { [key]: input[key] });
  }
  next.updated_at = new Date(now).toISOString();
  state.commit([{ collection: "catalog_types", id: next.id, record: next }]);
  return next;
}

/**
 * Archives the type and its entries. A custom field whose values are entries of the type would be left without
 * choices, so the type is refused while one does.
 */
export function deleteCatalogType(state: EmulatorState, now: number, type: CatalogTypeRecord): void {
  for (const field of state.values("custom_fields")) {
    if (field.catalog_type_id === type.id) {
      throw validationError(
        "id",
        `The custom field "${field.name}" takes entries of "${type.name}": delete the field or point it at another type first.`,
      );
    }
  }
  const at = new Date(now).toISOString();
  const changes: Change[] = liveEntries(state, type).map((entry) => ({
    collection: "catalog_entries",
    id: entry.id,
    record: { ...entry, archived_at: at, updated_at: at },
  }));
  changes.push({
    collection: "catalog_types",
    id: type.id,
    record: { ...type, archived_at: at, updated_at: at },
  });
  state.commit(changes);
}

/** `CatalogTypeV3`. */
export function renderCatalogType(state: EmulatorState, type: CatalogTypeRecord) {
  const schema = schemaOf(type);
  const names = new Map(schema.attributes.map((a) => [a.id, a.name]));
  return {
    id: type.id,
    name: type.name,
    description: type.description,
    type_name: type.type_name,
    engine_resource_type: engineResourceType(type),
    categories: type.categories ?? [],
    color: type.color ?? DEFAULT_COLOR,
    icon: type.icon ?? DEFAULT_ICON,
    ranked: type.ranked ?? false,
    is_editable: true,
    is_team_type: false,
    annotations: type.annotations ?? {},
    use_name_as_identifier: type.use_name_as_identifier ?? false,
    ...(type.owning_team_ids ? { owning_team_ids: type.owning_team_ids } : {}),
    ...(type.source_repo_url ? { source_repo_url: type.source_repo_url } : {}),
    estimated_count: liveEntries(state, type).length,
    schema: {
      version: schema.version,
      attributes: schema.attributes.map((attribute) => ({
        id: attribute.id,
        name: attribute.name,
        type: attribute.type,
        array: attribute.array,
        mode: attribute.mode,
        ...(attribute.backlink_attribute ? { backlink_attribute: attribute.backlink_attribute } : {}),
        ...(attribute.path
          ? {
              path: attribute.path.map((id) => ({
                attribute_id: id,
                attribute_name: pathStepName(state, type, attribute.path ?? [], id) ?? names.get(id) ?? id,
              })),
            }
          : {}),
      })),
    },
    created_at: type.created_at,
    updated_at: type.updated_at,
  };
}

/** How alert attributes and workflows name values of this type. */
export function engineResourceType(type: CatalogTypeRecord): string {
  return `CatalogEntry["${type.id}"]`;
}

/** The name of the attribute a path step names, looked up in the type the path has reached by then. */
function pathStepName(
  state: EmulatorState,
  type: CatalogTypeRecord,
  path: readonly string[],
  stepId: string,
): string | undefined {
  let current: CatalogTypeRecord | undefined = type;
  for (const id of path) {
    const attribute: CatalogAttributeRecord | undefined = current
      ? schemaOf(current).attributes.find((a) => a.id === id)
      : undefined;
    if (id === stepId) return attribute?.name;
    current = attribute ? typeByName(state, attribute.type) : undefined;
  }
  return undefined;
}
