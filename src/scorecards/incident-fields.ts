import type { Expr } from "./ast.js";
import { ExpressionError } from "./errors.js";

/** A field of one incident, as a `where` condition reads it. */
export type IncidentField =
  | { kind: "severity" }
  | { kind: "status" }
  | { kind: "text"; name: "type" | "mode" | "name" }
  | { kind: "custom"; field: string; label: string }
  | { kind: "time"; name: "created" | "resolved" }
  | { kind: "time_to_resolve" };

export const INCIDENT_FIELDS =
  'severity, status, type, mode, name, created, resolved, time_to_resolve, field("…")';

const ENTITY_ONLY = new Set([
  "title",
  "kind",
  "owner",
  "system",
  "lifecycle",
  "tags",
  "annotations",
  "has_mapping",
]);
const NAMED_BY_BARE_WORDS = new Set(["severity", "status", "type", "mode"]);

/** Reads the incident field a condition is about, or explains what may go there. */
export function incidentField(node: Expr): IncidentField {
  if (node.kind === "name") {
    switch (node.name) {
      case "severity":
      case "status":
        return { kind: node.name };
      case "type":
      case "mode":
      case "name":
        return { kind: "text", name: node.name };
      case "created":
      case "resolved":
        return { kind: "time", name: node.name };
      case "time_to_resolve":
        return { kind: "time_to_resolve" };
    }
    if (ENTITY_ONLY.has(node.name)) {
      throw new ExpressionError(
        node.start,
        `"${node.name}" is a field of the entity, not of an incident; test it outside the incidents, e.g. count(incidents) = 0 or ${node.name} is set`,
      );
    }
    throw new ExpressionError(node.start, `unknown incident field "${node.name}"; known: ${INCIDENT_FIELDS}`);
  }
  if (node.kind === "call" && node.name === "field") {
    const [arg, extra] = node.args;
    if (arg?.kind !== "string" || extra) {
      throw new ExpressionError(
        node.start,
        'field(…) takes the custom field\'s name in quotes, like field("Team")',
      );
    }
    return { kind: "custom", field: arg.value.toLowerCase(), label: arg.value };
  }
  if (node.kind === "entity" || (node.kind === "index" && node.target.kind === "entity")) {
    throw new ExpressionError(
      node.start,
      "entity fields cannot be used inside where; combine them outside, e.g. count(incidents where …) = 0 and entity.owner is set",
    );
  }
  if (node.kind === "call") {
    throw new ExpressionError(
      node.start,
      `${node.name}(…) cannot be used inside where; where tests one incident at a time`,
    );
  }
  throw new ExpressionError(
    node.start,
    `expected a condition on an incident's ${INCIDENT_FIELDS}, like severity >= "Major"`,
  );
}

/** The text a field is compared with: a quoted string or, beside severity/status/type/mode, a bare word. */
export function literalText(field: IncidentField, node: Expr, what: string): string {
  if (node.kind === "string") return node.value;
  if (node.kind === "name" && field.kind !== "custom" && NAMED_BY_BARE_WORDS.has(fieldName(field)))
    return node.name;
  throw new ExpressionError(node.start, `expected ${what} in quotes, like ${example(field)}`);
}

export function fieldName(field: IncidentField): string {
  switch (field.kind) {
    case "severity":
    case "status":
    case "time_to_resolve":
      return field.kind;
    case "text":
    case "time":
      return field.name;
    case "custom":
      return `field("${field.label}")`;
  }
}

function example(field: IncidentField): string {
  switch (field.kind) {
    case "severity":
      return 'severity >= "Major"';
    case "status":
      return 'status = "Fixing" or status = live';
    case "custom":
      return `field("${field.label}") = "payments"`;
    default:
      return `${fieldName(field)} = "…"`;
  }
}
