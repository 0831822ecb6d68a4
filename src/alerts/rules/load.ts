import { loadYamlConfig } from "../../shared/yaml-config.js";
import { compileRules } from "./compile.js";
import { RulesError } from "./errors.js";
import { RulesFileSchema } from "./schema.js";
import type { RuleSet } from "./types.js";

/**
 * Reads a rules file (see `examples/rules.yaml` for the format). A file that cannot be used throws a `RulesError`
 * listing every problem of its shape at file, line, column and setting; a value that cannot be read (a time, a
 * pattern, a template) is reported at the first such place.
 */
export function loadRules(text: string, file: string): RuleSet {
  const { value, errorAt } = loadYamlConfig(text, file, RulesFileSchema, RulesError);
  return compileRules(value, file, (path, problem) => {
    throw errorAt(path, problem);
  });
}
