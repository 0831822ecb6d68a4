import { z } from "zod";

/**
 * incident.io adds enum values without notice and asks clients to tolerate them, so an enum field accepts any
 * string while its type still offers the known values for completion and narrowing.
 */
export type OpenEnum<Known extends string> = Known | (string & {});

export function openEnum<const Known extends string>(_known: readonly Known[]): z.ZodType<OpenEnum<Known>> {
  return z.string() as z.ZodType<OpenEnum<Known>>;
}
