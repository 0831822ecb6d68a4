/**
 * Query strings in the form incident.io reads: nested objects as bracketed keys (`severity[gte]=ID`,
 * `custom_field[F][one_of]=O`), arrays as repeated keys. Exploded keys (`one_of=X`) are silently ignored by the
 * API and return everything, so this encoding is not a style choice.
 */
export type QueryValue =
  | string
  | number
  | boolean
  | undefined
  | null
  | readonly (string | number | boolean)[]
  | { readonly [key: string]: QueryValue };

export type QueryObject = { readonly [key: string]: QueryValue };

function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%5B/gi, "[").replace(/%5D/gi, "]");
}

/** Flattens a query object into `[key, value]` pairs in bracket form, in insertion order. */
export function flattenQuery(query: QueryObject, prefix = ""): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(query)) {
    const key = prefix ? `${prefix}[${name}]` : name;
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) pairs.push([key, String(item)]);
    } else if (typeof value === "object") {
      pairs.push(...flattenQuery(value as QueryObject, key));
    } else {
      pairs.push([key, String(value)]);
    }
  }
  return pairs;
}

/** `a=1&b[c]=2`, with brackets left readable and everything else percent-encoded; "" when empty. */
export function encodeQuery(query: QueryObject | undefined): string {
  if (!query) return "";
  return flattenQuery(query)
    .map(([key, value]) => `${encodeKey(key)}=${encodeURIComponent(value)}`)
    .join("&");
}
