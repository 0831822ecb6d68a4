/**
 * Turns the description's OpenAPI 3.0 schema objects into JSON Schema that Ajv understands, and builds the Ajv
 * instance that holds every component schema.
 */
import { Ajv, type ErrorObject } from "ajv";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

type Json = unknown;
type JsonObject = Record<string, unknown>;

/** Where the component schemas live inside Ajv; every `#/components/schemas/X` ref is rewritten to point here. */
export const COMPONENTS_ID = "https://incidentkit.test/openapi/components.json";

const SCHEMA_NAME_REF = /^#\/components\/schemas\/(.+)$/;
const SUBSCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf"]);
const SUBSCHEMA_MAPS = new Set(["properties", "patternProperties"]);
const SUBSCHEMAS = new Set(["items", "additionalProperties", "not"]);

const isObject = (value: Json): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function componentRef(name: string): string {
  return `${COMPONENTS_ID}#/$defs/${encodeURIComponent(name)}`;
}

/**
 * OpenAPI 3.0 → JSON Schema: drop `example`/`examples` and `x-*` extensions (documentation, not constraints),
 * rewrite component refs, and turn `nullable: true` into an explicit `null` alternative.
 */
export function toJsonSchema(schema: Json): Json {
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "example" || key === "examples" || key === "nullable" || key.startsWith("x-")) continue;
    if (key === "$ref" && typeof value === "string") {
      const name = SCHEMA_NAME_REF.exec(value)?.[1];
      out.$ref = name ? componentRef(decodeURIComponent(name)) : value;
    } else if (SUBSCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub)]));
    } else if (SUBSCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map(toJsonSchema);
    } else if (SUBSCHEMAS.has(key) && isObject(value)) {
      out[key] = toJsonSchema(value);
    } else {
      out[key] = value;
    }
  }
  return schema.nullable === true ? allowNull(out) : out;
}

function allowNull(schema: JsonObject): JsonObject {
  if (typeof schema.$ref === "string") return { anyOf: [schema, { type: "null" }] };
  const out = { ...schema };
  if (typeof out.type === "string") out.type = [out.type, "null"];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

export function createAjv(componentSchemas: Record<string, Json>): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  const defs = Object.fromEntries(
    Object.entries(componentSchemas).map(([name, s]) => [name, toJsonSchema(s)]),
  );
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: defs });
  return ajv;
}

/** One line per problem, naming where in the body it is, e.g. `/incident must have required property 'reference'`. */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  const lines = (errors ?? []).map((e) => {
    const where = e.instancePath === "" ? "(body)" : e.instancePath;
    let line = `${where} ${e.message ?? e.keyword}`;
    if (e.keyword === "enum") line += `: ${JSON.stringify(e.params.allowedValues)}`;
    if (e.keyword === "const") line += `: ${JSON.stringify(e.params.allowedValue)}`;
    return line;
  });
  return [...new Set(lines)];
}
