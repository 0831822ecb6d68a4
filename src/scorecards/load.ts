import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type Document, isScalar } from "yaml";
import { loadYamlConfig } from "../shared/yaml-config.js";
import { locate, type YamlPath } from "../shared/yaml-location.js";
import { compileRule } from "./compile.js";
import { ExpressionError, ScorecardError } from "./errors.js";
import { type ScorecardFile, ScorecardFileSchema } from "./schema.js";
import type { LoadedExpression, Scorecard } from "./types.js";
import { scalarSourceOffset } from "./yaml-scalar.js";

/** Reads every `.yaml`/`.yml` file of a folder (in name order), or one file; scorecard names must be unique. */
export function loadScorecards(path: string): Scorecard[] {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((name) => /\.ya?ml$/i.test(name))
        .sort()
        .map((name) => join(path, name))
    : [path];
  const seen = new Map<string, string>();
  return files.map((file) => {
    const text = readFileSync(file, "utf8");
    const scorecard = loadScorecard(text, file);
    const earlier = seen.get(scorecard.name.toLowerCase());
    if (earlier) {
      throw fileError(
        text,
        file,
        ["name"],
        `duplicate scorecard name "${scorecard.name}" (already used in ${earlier})`,
      );
    }
    seen.set(scorecard.name.toLowerCase(), file);
    return scorecard;
  });
}

/**
 * Reads one scorecard file. A file that cannot be used throws a `ScorecardError` listing every problem of its shape
 * at file, line, column and setting; a problem inside an expression points at the character in the file where it
 * is.
 */
export function loadScorecard(text: string, file: string): Scorecard {
  const { value, doc, at, errorAt } = loadYamlConfig(text, file, ScorecardFileSchema, ScorecardError);
  const expression = (path: YamlPath, source: string) => loadExpression(text, doc, path, source, at);
  return build(value, file, expression, (path, problem) => {
    throw errorAt(path, problem);
  });
}

type ReadExpression = (path: YamlPath, source: string) => LoadedExpression;

function build(
  raw: ScorecardFile,
  file: string,
  expression: ReadExpression,
  fail: (path: YamlPath, problem: string) => never,
): Scorecard {
  const levelNames = new Set<string>();
  const levels = raw.levels.map((level, l) => {
    if (levelNames.has(level.name.toLowerCase()))
      fail(["levels", l, "name"], `duplicate level name "${level.name}"`);
    levelNames.add(level.name.toLowerCase());
    const ruleNames = new Set<string>();
    const rules = level.rules.map((rule, r) => {
      const path = ["levels", l, "rules", r];
      if (ruleNames.has(rule.name.toLowerCase()))
        fail([...path, "name"], `duplicate rule name "${rule.name}" in this level`);
      ruleNames.add(rule.name.toLowerCase());
      return {
        name: rule.name,
        description: rule.description ?? "",
        hint: rule.hint ?? null,
        weight: rule.weight ?? 1,
        expression: expression([...path, "expression"], rule.expression),
      };
    });
    return { name: level.name, description: level.description ?? "", rules };
  });
  const filter = raw.filter;
  return {
    name: raw.name,
    description: raw.description ?? "",
    file,
    filter: {
      kinds: filter?.kinds ?? null,
      types: filter?.types ?? null,
      tags: filter?.tags ?? null,
      expression: filter?.expression ? expression(["filter", "expression"], filter.expression) : null,
    },
    levels,
  };
}

function loadExpression(
  text: string,
  doc: Document,
  path: YamlPath,
  source: string,
  at: (offset: number, path: YamlPath, problem: string) => ScorecardError,
): LoadedExpression {
  const node = doc.getIn(path, true);
  const errorAt = (offset: number, problem: string) => {
    const place = isScalar(node) ? scalarSourceOffset(text, node, offset) : locate(doc.contents, path);
    return at(place, path, problem);
  };
  try {
    return { source, compiled: compileRule(source), errorAt };
  } catch (error) {
    if (error instanceof ExpressionError) throw errorAt(error.offset, error.message);
    throw error;
  }
}

/** An error at `path` of a file that loaded: a problem between files (a name used twice). */
function fileError(text: string, file: string, path: YamlPath, problem: string): ScorecardError {
  return loadYamlConfig(text, file, ScorecardFileSchema, ScorecardError).errorAt(path, problem);
}
