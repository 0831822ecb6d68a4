import type { Expr } from "./ast.js";
import type { ScoredEntity } from "./entity.js";
import { ExpressionError } from "./errors.js";
import type { CompiledValue, Measure } from "./measure.js";

export const ENTITY_FIELDS =
  'name, title, kind, type, owner, system, lifecycle, tags, annotations["…"], has_mapping';
const INCIDENT_ONLY = new Set(["severity", "status", "mode", "created", "resolved", "time_to_resolve"]);
const TEXT_FIELDS = new Set(["name", "title", "kind", "type", "owner", "system", "lifecycle"]);

/** `owner`, `entity.owner`, `tags`, `annotations["key"]`, `has_mapping`: a field of the entity being scored. */
export function entityField(node: Expr): CompiledValue {
  if (node.kind === "index") {
    const target = node.target;
    const name = target.kind === "name" || target.kind === "entity" ? target.name : null;
    if (name !== "annotations") {
      throw new ExpressionError(node.start, '"[ ]" applies to annotations only, like annotations["team"]');
    }
    const key = node.key;
    return text(`annotation "${key}"`, (entity) => entity.annotations?.[key]);
  }
  if (node.kind !== "name" && node.kind !== "entity") throw new Error(`not a field: ${node.kind}`);
  const name = node.name;
  const at = node.kind === "entity" ? node.nameStart : node.start;
  if (TEXT_FIELDS.has(name)) {
    return text(name, (entity) => entity[name as "name"]);
  }
  if (name === "tags") {
    return {
      type: "list",
      literal: null,
      bind: () => (scope) => {
        const tags = scope.subject.entity.tags ?? [];
        return { value: tags, phrase: tags.length ? `tags are ${tags.join(", ")}` : "no tags" };
      },
    };
  }
  if (name === "has_mapping") {
    return {
      type: "bool",
      literal: null,
      bind: () => (scope) =>
        scope.subject.hasMapping
          ? { value: true, phrase: "maps to incident.io" }
          : { value: false, phrase: "has no incident.io mapping" },
    };
  }
  if (name === "annotations") {
    throw new ExpressionError(at, 'name the annotation: annotations["key"]');
  }
  if (INCIDENT_ONLY.has(name) && node.kind === "name") {
    throw new ExpressionError(
      at,
      `"${name}" is a field of an incident: test it inside a set, like count(incidents where ${name === "severity" ? 'severity >= "Major"' : `${name} …`}) = 0`,
    );
  }
  throw new ExpressionError(at, `unknown name "${name}"; the entity's fields are ${ENTITY_FIELDS}`);
}

function text(label: string, read: (entity: ScoredEntity) => string | null | undefined): CompiledValue {
  return {
    type: "text",
    literal: null,
    bind: () => (scope) => {
      const value = read(scope.subject.entity);
      const measure: Measure =
        value === null || value === undefined || value === ""
          ? { value: null, phrase: `${label} is not set` }
          : { value, phrase: `${label} is ${value}` };
      return measure;
    },
  };
}
