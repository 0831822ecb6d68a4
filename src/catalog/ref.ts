/**
 * Backstage entity names and references. A name is 1-63 characters: letters and digits, in groups separated by
 * one of `-`, `_` or `.`. A namespace is a DNS label (lower-case letters and digits separated by `-`). A reference
 * is `[kind:][namespace/]name`; the normal form is `kind:namespace/name` with kind and namespace in lower case.
 */

export const DEFAULT_NAMESPACE = "default";

const NAME = /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/;
const NAMESPACE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KIND = /^[A-Za-z][A-Za-z0-9]*$/;

export const NAME_RULE =
  "a name is 1-63 letters and digits, in groups separated by one of - _ . (e.g. payments-api)";
export const NAMESPACE_RULE =
  "a namespace is 1-63 lower-case letters and digits, in groups separated by - (e.g. default)";

/** The problem with a name, or undefined when Backstage accepts it. */
export function nameProblem(name: string): string | undefined {
  return name.length >= 1 && name.length <= 63 && NAME.test(name) ? undefined : NAME_RULE;
}

/** The problem with a namespace, or undefined when Backstage accepts it. */
export function namespaceProblem(namespace: string): string | undefined {
  return namespace.length >= 1 && namespace.length <= 63 && NAMESPACE.test(namespace)
    ? undefined
    : NAMESPACE_RULE;
}

export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

/** `kind:namespace/name`, kind and namespace in lower case, the name as written. */
export function formatRef(entity: EntityName): string {
  return `${entity.kind.toLowerCase()}:${entity.namespace.toLowerCase()}/${entity.name}`;
}

/** The key references are compared by: Backstage compares them without regard to case. */
export function refKey(ref: string): string {
  return ref.toLowerCase();
}

export type ParsedRef = { ok: true; ref: string; kind: string } | { ok: false; problem: string };

/**
 * Reads `group:payments`, `payments`, `group:default/payments` or `default/payments`: the kind defaults to
 * `defaultKind`, the namespace to the referring entity's.
 */
export function parseRef(text: string, defaults: { kind: string; namespace: string }): ParsedRef {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(":");
  const kind = colon >= 0 ? trimmed.slice(0, colon) : defaults.kind;
  const rest = colon >= 0 ? trimmed.slice(colon + 1) : trimmed;
  const slash = rest.indexOf("/");
  const namespace = slash >= 0 ? rest.slice(0, slash) : defaults.namespace;
  const name = slash >= 0 ? rest.slice(slash + 1) : rest;
  const example = `${defaults.kind.toLowerCase()}:${defaults.namespace}/name`;
  if (!KIND.test(kind)) {
    return { ok: false, problem: `"${text}" is not an entity reference: write ${example} or name` };
  }
  const namespaceError = namespaceProblem(namespace.toLowerCase());
  if (namespaceError) return { ok: false, problem: `"${text}": ${namespaceError}` };
  const nameError = nameProblem(name);
  if (nameError) return { ok: false, problem: `"${text}" is not an entity reference: ${nameError}` };
  return { ok: true, ref: formatRef({ kind, namespace, name }), kind: kind.toLowerCase() };
}

/**
 * A reference Backstage would keep though it breaks the naming rules (`owner: john@example.com`), in the normal
 * form as far as it has one: a relation to it dangles, as it does in Backstage, instead of the entity being lost.
 */
export function looseRef(text: string, defaults: { kind: string; namespace: string }): string {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(":");
  const kind = colon > 0 ? trimmed.slice(0, colon) : defaults.kind;
  const rest = colon > 0 ? trimmed.slice(colon + 1) : trimmed;
  const slash = rest.indexOf("/");
  const namespace = slash > 0 ? rest.slice(0, slash) : defaults.namespace;
  return formatRef({ kind, namespace, name: slash > 0 ? rest.slice(slash + 1) : rest });
}
