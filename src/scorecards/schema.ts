import { z } from "zod";

/**
 * The shape of a scorecard file, before its expressions are read. Unknown keys are errors (the loader tells them
 * the keys known there).
 */

const Text = z.string().trim().min(1, { error: "must not be empty" });
/** Kept as written (not trimmed), so positions inside it map back to the file. */
const Expression = z.string().refine((text) => text.trim() !== "", { error: "must not be empty" });
const Names = z.array(Text).min(1, { error: "must list at least one value" });

const Rule = z.strictObject({
  name: Text,
  description: z.string().optional(),
  expression: Expression,
  weight: z.number().positive({ error: "expected a number above 0" }).optional(),
  /** What to do when the rule fails. */
  hint: z.string().optional(),
});

const Level = z.strictObject({
  name: Text,
  description: z.string().optional(),
  rules: z.array(Rule).min(1, { error: "a level needs at least one rule" }),
});

const Filter = z.strictObject({
  kinds: Names.optional(),
  types: Names.optional(),
  tags: Names.optional(),
  expression: Expression.optional(),
});

export const ScorecardFileSchema = z.strictObject({
  name: Text,
  description: z.string().optional(),
  filter: Filter.optional(),
  levels: z.array(Level).min(1, { error: "a scorecard needs at least one level" }),
});

export type ScorecardFile = z.infer<typeof ScorecardFileSchema>;
