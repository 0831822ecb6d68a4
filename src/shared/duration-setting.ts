import { z } from "zod";
import { DURATION_HINT, parseDuration } from "./duration.js";

/** A limit of one setting, with what to tell someone past it: `{ ms: 3_600_000, problem: "at least 1h: …" }`. */
export interface DurationLimit {
  ms: number;
  problem: string;
}

/**
 * A config key holding a duration in the one grammar (`parseDuration`), read into milliseconds. A value that is
 * not a duration is told `DURATION_HINT`; one outside the key's own limits is told the limit's problem. A missing
 * key is left to the schema (`.optional()`, `.default(…)`, or "required").
 */
export function durationSetting(limits: { min?: DurationLimit; max?: DurationLimit } = {}) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? undefined : DURATION_HINT) })
    .transform((text, context) => {
      const ms = parseDuration(text);
      const problem =
        ms === undefined
          ? DURATION_HINT
          : limits.min !== undefined && ms < limits.min.ms
            ? limits.min.problem
            : limits.max !== undefined && ms > limits.max.ms
              ? limits.max.problem
              : undefined;
      if (problem !== undefined || ms === undefined) {
        context.issues.push({ code: "custom", message: problem ?? DURATION_HINT, input: text });
        return z.NEVER;
      }
      return ms;
    });
}
