import { CATALOG_ATTRIBUTE_MODES, type CatalogAttribute } from "../../api/types/catalog.js";
import type { CatalogAttributeMode, CatalogAttributePayload } from "../../api/types/catalog-payloads.js";
import { ATTRIBUTES } from "./attributes.js";
import type { PushKind } from "./kinds.js";

/** An attribute this push wants on a type: its `type` is a primitive or the `type_name` of another pushed type. */
export interface WantedAttribute {
  id: string;
  name: string;
  type: string;
  array: boolean;
}

/** What becomes of a type's schema. */
export interface SchemaPlan {
  /** Every attribute the type keeps, to send with update_schema; undefined when the schema stays as it is. */
  payload?: CatalogAttributePayload[];
  /** `+Owner` added, `-Team` removed, `~Tags` changed. */
  changes: string[];
  /** The attributes whose values this push sets. */
  written: string[];
  /** Attributes of ours that incident.io says are kept elsewhere (`dashboard`, `external`): never written. */
  keptElsewhere: string[];
  /** Attributes of ours not added because the type has another attribute of that name. */
  clashes: string[];
  /** Attributes whose values the schema change clears (their type or arity changes). */
  cleared: Set<string>;
}

/**
 * Modes meaning someone else sets the values: `dashboard` (people, in incident.io, as catalog-importer's
 * schema-only attributes), `external` (a sync from another system), `dynamic` and `internal` (incident.io), and
 * the derived `backlink` and `path`.
 */
const KEPT_ELSEWHERE = new Set(["dashboard", "external", "dynamic", "internal", "backlink", "path"]);

/** The attributes of a kind's type, those pointing at a kind only when that kind's type exists or will. */
export function wantedAttributes(
  kind: PushKind,
  typeNames: ReadonlyMap<PushKind, string>,
): WantedAttribute[] {
  return ATTRIBUTES[kind].flatMap((spec) => {
    const type = spec.holds === "String" || spec.holds === "Text" ? spec.holds : typeNames.get(spec.holds);
    return type === undefined ? [] : [{ id: spec.id, name: spec.name, type, array: spec.array }];
  });
}

/**
 * The schema the type should have: its attributes in their order, ours set as wanted, others' kept as they are
 * (a person's hand-made attribute, a backlink), ours no longer wanted removed, and ours missing appended. An
 * attribute of ours whose mode says it is kept elsewhere is left exactly as it is and its values are never
 * written; so is one of ours whose name another attribute already has.
 */
export function planSchema(
  kind: PushKind,
  wanted: readonly WantedAttribute[],
  existing: readonly CatalogAttribute[],
): SchemaPlan {
  const ours = new Set(ATTRIBUTES[kind].map((spec) => spec.id));
  const byId = new Map(wanted.map((attribute) => [attribute.id, attribute]));
  const plan: SchemaPlan = { changes: [], written: [], keptElsewhere: [], clashes: [], cleared: new Set() };
  const next: CatalogAttributePayload[] = [];
  for (const attribute of existing) {
    const want = byId.get(attribute.id);
    const elsewhere = KEPT_ELSEWHERE.has(attribute.mode);
    if (want && elsewhere) plan.keptElsewhere.push(attribute.name);
    if (want && !elsewhere) {
      next.push(payloadOf(want));
      plan.written.push(want.id);
      if (want.type !== attribute.type || want.array !== attribute.array) plan.cleared.add(want.id);
      if (!same(payloadOf(want), payloadOf(attribute))) plan.changes.push(`~${want.name}`);
    } else if (!want && ours.has(attribute.id) && !elsewhere) {
      plan.changes.push(`-${attribute.name}`);
    } else {
      next.push(payloadOf(attribute));
    }
  }
  const present = new Set(existing.map((attribute) => attribute.id));
  const names = new Set(next.map((attribute) => attribute.name.toLowerCase()));
  for (const want of wanted) {
    if (present.has(want.id)) continue;
    if (names.has(want.name.toLowerCase())) {
      plan.clashes.push(want.name);
      continue;
    }
    next.push(payloadOf(want));
    names.add(want.name.toLowerCase());
    plan.written.push(want.id);
    plan.changes.push(`+${want.name}`);
  }
  if (plan.changes.length > 0) plan.payload = next;
  return plan;
}

/** An attribute as update_schema takes it back: derived ones with what they follow. */
function payloadOf(attribute: WantedAttribute | CatalogAttribute): CatalogAttributePayload {
  if (!("mode" in attribute)) {
    return {
      id: attribute.id,
      name: attribute.name,
      type: attribute.type,
      array: attribute.array,
      mode: "api",
    };
  }
  return {
    id: attribute.id,
    name: attribute.name,
    type: attribute.type,
    array: attribute.array,
    ...modeOf(attribute.mode),
    ...(attribute.backlink_attribute ? { backlink_attribute: attribute.backlink_attribute } : {}),
    ...(attribute.path?.length
      ? { path: attribute.path.map((step) => ({ attribute_id: step.attribute_id })) }
      : {}),
  };
}

/** A mode incident.io may add later is left out: update_schema then keeps the attribute's mode as it is. */
function modeOf(mode: string): { mode?: CatalogAttributeMode } {
  const known = CATALOG_ATTRIBUTE_MODES.find((m) => m === mode);
  return known === undefined ? {} : { mode: known };
}

/** `""` and `api` both mean values set through the API. */
function same(a: CatalogAttributePayload, b: CatalogAttributePayload): boolean {
  const mode = (m: string | undefined) => (m === "" || m === undefined ? "api" : m);
  return a.name === b.name && a.type === b.type && a.array === b.array && mode(a.mode) === mode(b.mode);
}
