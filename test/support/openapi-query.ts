/**
 * Checks query strings against an operation's declared query parameters: names, bracket encoding of object
 * filters (`status[one_of]=…`, reference/api.md §2.3) and basic scalar types.
 */

export interface QueryParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: {
    type?: string;
    enum?: unknown[];
    minimum?: number;
    maximum?: number;
    items?: { type?: string; enum?: unknown[] };
  };
}

function checkScalar(name: string, value: string, schema: QueryParameter["schema"]): string | undefined {
  if (!schema) return undefined;
  if (schema.enum && !schema.enum.includes(value)) {
    return `query ${name}=${value} must be one of ${JSON.stringify(schema.enum)}`;
  }
  if (schema.type === "integer") {
    if (!/^-?\d+$/.test(value)) return `query ${name}=${value} must be an integer`;
    const n = Number(value);
    if (schema.minimum !== undefined && n < schema.minimum)
      return `query ${name} must be >= ${schema.minimum}`;
    if (schema.maximum !== undefined && n > schema.maximum)
      return `query ${name} must be <= ${schema.maximum}`;
  }
  if (schema.type === "boolean" && value !== "true" && value !== "false") {
    return `query ${name}=${value} must be true or false`;
  }
  return undefined;
}

export function checkQuery(parameters: readonly QueryParameter[], query: URLSearchParams): string[] {
  const declared = new Map(parameters.filter((p) => p.in === "query").map((p) => [p.name, p]));
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const [key, value] of query) {
    const bracket = key.indexOf("[");
    const name = bracket === -1 ? key : key.slice(0, bracket);
    seen.add(name);
    const parameter = declared.get(name);
    if (!parameter) {
      errors.push(`query parameter "${name}" is not documented for this operation`);
      continue;
    }
    const type = parameter.schema?.type;
    if (type === "object") {
      // An exploded filter (`one_of=x` instead of `status[one_of]=x`) is silently ignored by the live API.
      if (bracket === -1)
        errors.push(`query ${name} is an object filter and must be sent as ${name}[operator]`);
      continue;
    }
    if (type === "array") {
      const problem = checkScalar(name, value, parameter.schema?.items);
      if (problem) errors.push(problem);
      continue;
    }
    if (bracket !== -1) {
      errors.push(`query ${key}: ${name} is a plain value, not an object filter`);
      continue;
    }
    const problem = checkScalar(name, value, parameter.schema);
    if (problem) errors.push(problem);
  }
  for (const parameter of declared.values()) {
    if (parameter.required && !seen.has(parameter.name)) {
      errors.push(`query parameter "${parameter.name}" is required`);
    }
  }
  return [...new Set(errors)];
}
