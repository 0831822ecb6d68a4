import { z } from "zod";
import { type CatalogIndex, literalsOf } from "./catalog-index.js";
import { isDerived, isPrimitive, schemaOf, typeByName } from "./catalog-store.js";
import { validationError } from "./errors.js";
import type {
  CatalogAttributeRecord,
  CatalogEntryRecord,
  CatalogTypeRecord,
  StoredAttributeValue,
} from "./model.js";
import { isOnCallResource } from "./oncall-catalog.js";
import type { EmulatorState } from "./state.js";

/** `CatalogEngineParamBindingPayloadV3`: `value` for a scalar attribute, `array_value` for an array one. */
const literalPayload = z.object({ literal: z.string().optional() });
export const attributeValuesPayload = z.record(
  z.string(),
  z.object({ value: literalPayload.optional(), array_value: z.array(literalPayload).optional() }),
);
export type AttributeValuesPayload = z.infer<typeof attributeValuesPayload>;

/** What a payload asks for, per attribute: a value to store, or undefined to clear it. */
export type ParsedValues = Map<string, StoredAttributeValue | undefined>;

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Checks a payload's `attribute_values` against the type's schema. A reference to an entry that does not exist
 * (yet) is kept as given: an import may set it before the entry it names, and the label shows the literal
 * until that entry exists. An empty literal or empty array clears the attribute.
 */
export function parseAttributeValues(
  type: CatalogTypeRecord,
  input: AttributeValuesPayload,
  prefix: string,
): ParsedValues {
  const attributes = new Map(schemaOf(type).attributes.map((a) => [a.id, a]));
  const parsed: ParsedValues = new Map();
  for (const [id, binding] of Object.entries(input)) {
    const at = `${prefix}.${id}`;
    const attribute = attributes.get(id);
    if (!attribute) {
      throw validationError(
        at,
        `"${id}" is not an attribute of the catalog type "${type.name}": attribute_values are keyed by attribute ID (GET /v3/catalog_types/${type.id} lists them).`,
      );
    }
    const scalar = binding.value?.literal;
    const array = binding.array_value ?? [];
    if (isDerived(attribute) && (scalar || array.length > 0)) {
      throw validationError(
        at,
        `"${attribute.name}" is a ${attribute.mode} attribute, worked out from other entries: it cannot be set; leave it out of attribute_values.`,
      );
    }
    if (attribute.array && scalar) {
      throw validationError(
        `${at}.value`,
        `"${attribute.name}" is an array attribute: give its values as array_value: [{"literal": …}].`,
      );
    }
    if (!attribute.array && array.length > 0) {
      throw validationError(
        `${at}.array_value`,
        `"${attribute.name}" holds one value: give it as value: {"literal": …}, not array_value.`,
      );
    }
    if (attribute.array) {
      const literals = array.map((item, i) => {
        if (!item.literal) {
          throw validationError(
            `${at}.array_value.${i}.literal`,
            "Each array_value item needs a literal.",
            "is_required",
          );
        }
        return checkLiteral(attribute, item.literal, `${at}.array_value.${i}.literal`);
      });
      parsed.set(id, literals.length > 0 ? { array_value: literals } : undefined);
    } else {
      parsed.set(id, scalar ? { value: checkLiteral(attribute, scalar, `${at}.value.literal`) } : undefined);
    }
  }
  return parsed;
}

function checkLiteral(attribute: CatalogAttributeRecord, literal: string, field: string): string {
  if (attribute.type === "Number" && !NUMBER.test(literal)) {
    throw validationError(
      field,
      `"${attribute.name}" is a Number: give a decimal like "42" or "0.5", not ${JSON.stringify(literal)}.`,
    );
  }
  if (attribute.type === "Bool" && literal !== "true" && literal !== "false") {
    throw validationError(
      field,
      `"${attribute.name}" is a Bool: give "true" or "false", not ${JSON.stringify(literal)}.`,
    );
  }
  return literal;
}

/** `update_attributes` must name attributes of the type. */
export function checkUpdateAttributes(type: CatalogTypeRecord, ids: readonly string[], prefix: string): void {
  const known = new Set(schemaOf(type).attributes.map((a) => a.id));
  ids.forEach((id, i) => {
    if (!known.has(id)) {
      throw validationError(
        `${prefix}.${i}`,
        `"${id}" is not an attribute of the catalog type "${type.name}".`,
      );
    }
  });
}

/**
 * The entry's values after a write. Without `updateAttributes` the payload replaces every value; with it, only
 * the attributes it lists change, and a listed attribute missing from the payload is cleared (as documented for
 * `update_attributes`).
 */
export function applyAttributeValues(
  current: Readonly<Record<string, StoredAttributeValue>> | undefined,
  parsed: ParsedValues,
  updateAttributes?: readonly string[],
): Record<string, StoredAttributeValue> {
  const next: Record<string, StoredAttributeValue> = {};
  if (updateAttributes === undefined) {
    for (const [id, value] of parsed) if (value) next[id] = value;
    return next;
  }
  Object.assign(next, current);
  for (const id of updateAttributes) {
    const value = parsed.get(id);
    if (value) next[id] = value;
    else delete next[id];
  }
  return next;
}

/** `CatalogEntryEngineParamBindingValueV3`. */
export interface RenderedValue {
  literal: string;
  label: string;
}
export type RenderedBinding = { value: RenderedValue } | { array_value: RenderedValue[] };

/**
 * How much of the entry's graph to show: `own` values only (`expand=false`), plus `forward` links (path attributes,
 * the default), or `all`, adding backlinks (`expand=true`), as `GET /v3/catalog_entries/{id}` describes `expand`.
 */
export type LinkDepth = "own" | "forward" | "all";

/**
 * `attribute_values` of `CatalogEntryV3`. A literal reads back as it was set, so a client can compare what it
 * sent with what it reads (catalog-importer decides what to update that way, for every attribute type, although
 * the description's docstring calls a primitive's literal empty); the label is the name of the entry a reference
 * resolves to, or the value itself.
 * Attributes without a value are left out, as incident.io leaves out empty arrays.
 */
export function renderAttributeValues(
  state: EmulatorState,
  index: CatalogIndex,
  type: CatalogTypeRecord,
  entry: CatalogEntryRecord,
  depth: LinkDepth,
): Record<string, RenderedBinding> {
  const out: Record<string, RenderedBinding> = {};
  for (const attribute of schemaOf(type).attributes) {
    let values: RenderedValue[];
    if (attribute.mode === "backlink") {
      if (depth !== "all") continue;
      values = backlinkValues(state, index, type, attribute, entry);
    } else if (attribute.mode === "path") {
      if (depth === "own") continue;
      values = pathValues(state, index, type, attribute, entry);
    } else {
      values = literalsOf(entry, attribute).map((literal) => labelled(index, attribute, literal));
    }
    const [first] = values;
    if (!first) continue;
    out[attribute.id] = attribute.array ? { array_value: values } : { value: first };
  }
  return out;
}

function labelled(index: CatalogIndex, attribute: CatalogAttributeRecord, literal: string): RenderedValue {
  if (isPrimitive(attribute.type)) return { literal, label: literal };
  if (isOnCallResource(attribute.type))
    return { literal, label: index.onCallLabel(attribute, literal) ?? literal };
  const target = index.targetType(attribute);
  const entry = target && index.resolve(target, literal);
  return { literal, label: entry?.name ?? literal };
}

/** Every live entry of the attribute's type whose `backlink_attribute` points at this entry. */
function backlinkValues(
  state: EmulatorState,
  index: CatalogIndex,
  type: CatalogTypeRecord,
  attribute: CatalogAttributeRecord,
  entry: CatalogEntryRecord,
): RenderedValue[] {
  const source = typeByName(state, attribute.type);
  if (!source || !attribute.backlink_attribute) return [];
  // A type whose own schema is changing reads the same record, so a self-referencing backlink works too.
  const from = source.id === type.id ? type : source;
  return index
    .pointingAt(from, attribute.backlink_attribute, entry.id)
    .map((pointing) => ({ literal: pointing.id, label: pointing.name }));
}

/** Follows the path's references from this entry; the last step's values are the attribute's values. */
function pathValues(
  state: EmulatorState,
  index: CatalogIndex,
  type: CatalogTypeRecord,
  attribute: CatalogAttributeRecord,
  entry: CatalogEntryRecord,
): RenderedValue[] {
  const path = attribute.path ?? [];
  let entries = [entry];
  let current: CatalogTypeRecord | undefined = type;
  for (const [step, attributeId] of path.entries()) {
    const stepAttribute: CatalogAttributeRecord | undefined = current
      ? schemaOf(current).attributes.find((a) => a.id === attributeId)
      : undefined;
    if (!stepAttribute || isDerived(stepAttribute)) return [];
    if (step === path.length - 1) {
      const seen = new Set<string>();
      return entries
        .flatMap((e) =>
          literalsOf(e, stepAttribute).map((literal) => labelled(index, stepAttribute, literal)),
        )
        .filter((value) => !seen.has(value.literal) && seen.add(value.literal));
    }
    const next: CatalogTypeRecord | undefined = typeByName(state, stepAttribute.type);
    if (!next) return [];
    const reached = new Map<string, CatalogEntryRecord>();
    for (const e of entries) {
      for (const literal of literalsOf(e, stepAttribute)) {
        const found = index.resolve(next, literal);
        if (found) reached.set(found.id, found);
      }
    }
    entries = [...reached.values()];
    current = next;
  }
  return [];
}
