import { z } from "zod";
import { newId } from "../shared/ids.js";
import { isDerived, isPrimitive, PRIMITIVE_TYPES, schemaOf, typeByName } from "./catalog-store.js";
import type { Change } from "./db.js";
import { ApiError, validationError } from "./errors.js";
import type { CatalogAttributeRecord, CatalogEntryRecord, CatalogTypeRecord } from "./model.js";
import { isOnCallResource } from "./oncall-catalog.js";
import type { EmulatorState } from "./state.js";

/** `CatalogTypeAttributePayloadV3`. */
const attributePayload = z.object({
  id: z.string().optional(),
  name: z.string(),
  type: z.string(),
  array: z.boolean(),
  mode: z.enum(["", "api", "dashboard", "external", "internal", "dynamic", "backlink", "path"]).optional(),
  backlink_attribute: z.string().optional(),
  path: z.array(z.object({ attribute_id: z.string() })).optional(),
});

/** `CatalogUpdateTypeSchemaPayloadV3`: every attribute the type keeps, and the version they were read at. */
export const updateSchemaPayload = z.object({
  version: z.number().int(),
  attributes: z.array(attributePayload),
});
type AttributePayload = z.infer<typeof attributePayload>;

/**
 * Replaces the type's attributes: those with a known ID are changed, those without (or with a new ID, as
 * catalog-importer sends its own) are added, and the rest are removed. `version` must be the version the caller
 * read, so two writers cannot silently undo each other; the new schema gets the next version. Values of removed
 * attributes, and of attributes whose type or arity changed, are cleared from every entry of the type.
 */
export function updateCatalogSchema(
  state: EmulatorState,
  now: number,
  type: CatalogTypeRecord,
  input: z.infer<typeof updateSchemaPayload>,
): CatalogTypeRecord {
  const current = schemaOf(type);
  // A stale version is a conflict (409, naming the field): the description documents no status for it.
  if (input.version !== current.version) {
    throw new ApiError(409, "conflict", [
      {
        code: "conflict",
        message: `The schema of "${type.name}" is at version ${current.version}, not ${input.version}: it changed since you read it. Read the type again and send its current version.`,
        source: { field: "version" },
      },
    ]);
  }
  const existing = new Map(current.attributes.map((a) => [a.id, a]));
  const attributes = input.attributes.map((attribute): CatalogAttributeRecord => {
    // Importers send attributes without a mode; one set before (say, `dashboard`) stays until changed.
    const previous = attribute.id === undefined ? undefined : existing.get(attribute.id)?.mode;
    const kept = previous === "backlink" || previous === "path" ? undefined : previous;
    const mode = attribute.backlink_attribute
      ? "backlink"
      : attribute.path?.length
        ? "path"
        : (attribute.mode ?? kept ?? "");
    return {
      id: attribute.id?.trim() || newId(now),
      name: attribute.name.trim(),
      type: attribute.type,
      // Many entries can point at one, so a backlink always holds a list.
      array: mode === "backlink" ? true : attribute.array,
      mode,
      ...(attribute.backlink_attribute ? { backlink_attribute: attribute.backlink_attribute } : {}),
      ...(attribute.path?.length ? { path: attribute.path.map((step) => step.attribute_id) } : {}),
    };
  });
  const next: CatalogTypeRecord = {
    ...type,
    schema: { version: current.version + 1, attributes },
    updated_at: new Date(now).toISOString(),
  };
  checkUnique(attributes);
  attributes.forEach((attribute, i) => {
    checkAttribute(state, next, input.attributes[i] as AttributePayload, attribute, i);
  });

  const stale = new Set<string>();
  for (const old of current.attributes) {
    const kept = attributes.find((a) => a.id === old.id);
    if (!kept || kept.type !== old.type || kept.array !== old.array || isDerived(kept)) stale.add(old.id);
  }
  const changes: Change[] = [{ collection: "catalog_types", id: type.id, record: next }];
  if (stale.size > 0) changes.push(...clearedValues(state, type, stale));
  state.commit(changes);
  return next;
}

function checkUnique(attributes: readonly CatalogAttributeRecord[]): void {
  const names = new Map<string, number>();
  const ids = new Set<string>();
  attributes.forEach((attribute, i) => {
    const key = attribute.name.toLowerCase();
    if (attribute.name === "") {
      throw validationError(`attributes.${i}.name`, "An attribute needs a name.", "is_required");
    }
    if (names.has(key)) {
      throw validationError(
        `attributes.${i}.name`,
        `Two attributes are named "${attribute.name}" (attributes ${names.get(key)} and ${i}); names are unique within a type.`,
        "not_unique",
      );
    }
    names.set(key, i);
    if (ids.has(attribute.id)) {
      throw validationError(
        `attributes.${i}.id`,
        `The attribute ID "${attribute.id}" is given twice.`,
        "not_unique",
      );
    }
    ids.add(attribute.id);
  });
}

function checkAttribute(
  state: EmulatorState,
  type: CatalogTypeRecord,
  payload: AttributePayload,
  attribute: CatalogAttributeRecord,
  i: number,
): void {
  const at = `attributes.${i}`;
  if (payload.backlink_attribute && payload.path?.length) {
    throw validationError(
      `${at}.path`,
      "An attribute is a backlink or a path, not both: give backlink_attribute or path.",
    );
  }
  if (payload.mode === "backlink" && !payload.backlink_attribute) {
    throw validationError(
      `${at}.backlink_attribute`,
      "A backlink attribute names the attribute it follows back in backlink_attribute.",
      "is_required",
    );
  }
  if (payload.mode === "path" && !payload.path?.length) {
    throw validationError(
      `${at}.path`,
      "A path attribute lists the attributes it follows in path.",
      "is_required",
    );
  }
  if (payload.mode && payload.mode !== attribute.mode) {
    throw validationError(
      `${at}.mode`,
      `mode "${payload.mode}" does not fit an attribute with ${attribute.mode === "backlink" ? "backlink_attribute" : "path"} set; leave mode out.`,
    );
  }
  const target = targetOf(state, type, attribute.type);
  if (!target && !isPrimitive(attribute.type) && !isOnCallResource(attribute.type)) {
    throw validationError(
      `${at}.type`,
      `"${attribute.type}" is not a type an attribute can hold: use ${PRIMITIVE_TYPES.join(", ")}, EscalationPath, Schedule or a catalog type's type_name, e.g. Custom["Service"] (GET /v3/catalog_resources lists them).`,
    );
  }
  if (attribute.mode === "backlink") checkBacklink(type, attribute, target, at);
  if (attribute.mode === "path") checkPath(state, type, attribute, at);
}

/** The live type named `typeName`, which may be the type being changed (its schema as it will be). */
function targetOf(
  state: EmulatorState,
  type: CatalogTypeRecord,
  typeName: string,
): CatalogTypeRecord | undefined {
  if (typeName === type.type_name) return type;
  return typeByName(state, typeName);
}

function checkBacklink(
  type: CatalogTypeRecord,
  attribute: CatalogAttributeRecord,
  source: CatalogTypeRecord | undefined,
  at: string,
): void {
  if (!source) {
    throw validationError(
      `${at}.type`,
      `A backlink's type is the catalog type whose entries point here, not ${attribute.type}.`,
    );
  }
  const followed = schemaOf(source).attributes.find((a) => a.id === attribute.backlink_attribute);
  if (!followed || isDerived(followed) || followed.type !== type.type_name) {
    throw validationError(
      `${at}.backlink_attribute`,
      `backlink_attribute must be the ID of an attribute of "${source.name}" that holds ${type.type_name} entries; "${attribute.backlink_attribute}" is not one.`,
    );
  }
}

/** Each step is an attribute of the type the previous step points at; the last step's type is the attribute's. */
function checkPath(
  state: EmulatorState,
  type: CatalogTypeRecord,
  attribute: CatalogAttributeRecord,
  at: string,
): void {
  const path = attribute.path ?? [];
  let current: CatalogTypeRecord | undefined = type;
  path.forEach((id, step) => {
    const where = `${at}.path.${step}.attribute_id`;
    const followed = current ? schemaOf(current).attributes.find((a) => a.id === id) : undefined;
    if (!current || !followed || isDerived(followed)) {
      throw validationError(
        where,
        `"${id}" is not an attribute of "${current?.name ?? "?"}" that a path can follow (paths follow attributes set on entries).`,
      );
    }
    if (step === path.length - 1) {
      if (followed.type !== attribute.type) {
        throw validationError(
          `${at}.type`,
          `This path ends at "${followed.name}", of type ${followed.type}: give that as the type.`,
        );
      }
      return;
    }
    current = targetOf(state, type, followed.type);
    if (!current) {
      throw validationError(
        where,
        `"${followed.name}" holds ${followed.type}, not catalog entries, so a path cannot go on from it.`,
      );
    }
  });
}

function clearedValues(state: EmulatorState, type: CatalogTypeRecord, stale: ReadonlySet<string>): Change[] {
  const changes: Change[] = [];
  for (const entry of state.values("catalog_entries")) {
    if (entry.catalog_type_id !== type.id || !entry.attribute_values) continue;
    const ids = Object.keys(entry.attribute_values);
    if (!ids.some((id) => stale.has(id))) continue;
    const kept = Object.fromEntries(Object.entries(entry.attribute_values).filter(([id]) => !stale.has(id)));
    const record: CatalogEntryRecord = { ...entry, attribute_values: kept };
    changes.push({ collection: "catalog_entries", id: entry.id, record });
  }
  return changes;
}
