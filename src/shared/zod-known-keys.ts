import type { z } from "zod";
import type { YamlPath } from "./yaml-location.js";

/** The parts of a schema's definition followed to reach the mapping at a path. */
interface Definition {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
  element?: z.core.$ZodType;
  options?: z.core.$ZodType[];
  discriminator?: string;
  values?: unknown[];
}

const definition = (schema: z.core.$ZodType): Definition => schema._zod.def as Definition;

/**
 * The keys the mapping at `path` may have, in the schema's order, so an unknown key can be told what is known
 * there; undefined when the schema at that path is not one mapping (a union it cannot pick from by the data).
 */
export function knownKeys(schema: z.core.$ZodType, path: YamlPath, data: unknown): string[] | undefined {
  let node = mappingOf(schema, data);
  let value = data;
  for (const segment of path) {
    if (node === undefined) return undefined;
    value = (value as Record<string | number, unknown> | undefined)?.[segment];
    const def = definition(node);
    const next =
      def.type === "object"
        ? def.shape?.[String(segment)]
        : def.type === "record"
          ? def.valueType
          : def.type === "array"
            ? def.element
            : undefined;
    node = next === undefined ? undefined : mappingOf(next, value);
  }
  if (node === undefined) return undefined;
  const shape = definition(node).shape;
  return shape === undefined ? undefined : Object.keys(shape);
}

/** The schema under wrappers (optional, default, a transform's input), a union's member picked by the data. */
function mappingOf(schema: z.core.$ZodType, data: unknown): z.core.$ZodType | undefined {
  const def = definition(schema);
  const inner = def.innerType ?? def.in;
  if (inner !== undefined) return mappingOf(inner, data);
  if (def.type !== "union") return schema;
  const options = def.options ?? [];
  const discriminator = def.discriminator;
  if (discriminator !== undefined) {
    const wanted = (data as Record<string, unknown> | undefined)?.[discriminator];
    const chosen = options.find((option) => {
      const literal = definition(option).shape?.[discriminator];
      return literal !== undefined && (definition(literal).values ?? []).includes(wanted);
    });
    return chosen === undefined ? undefined : mappingOf(chosen, data);
  }
  const mappings = options.filter((option) => definition(option).type === "object");
  return mappings.length === 1 && mappings[0] !== undefined ? mappingOf(mappings[0], data) : undefined;
}
