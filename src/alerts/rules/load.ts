import { type Document, isScalar, LineCounter, parseDocument, visit } from "yaml";
import type { z } from "zod";
import { formatPath, locate, rangeStart } from "../../shared/yaml-location.js";
import { describeIssue } from "../../shared/zod-issue.js";
import { compileRules, type Path } from "./compile.js";
import { RulesError } from "./errors.js";
import { RulesFileSchema } from "./schema.js";
import type { RuleSet } from "./types.js";

/**
 * Reads a rules file (see `examples/rules.yaml` for the format). Every problem is a `RulesError` naming the file,
 * line, column and setting at fault; the first one in the file is reported.
 */
export function loadRules(text: string, file: string): RuleSet {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    logLevel: "error",
  });
  const at = (offset: number, path: Path, problem: string) => {
    const { line, col } = lineCounter.linePos(offset);
    return new RulesError(file, line, col, formatPath(path), problem);
  };

  const syntax = doc.errors[0];
  if (syntax) throw at(syntax.pos[0], [], yamlProblem(syntax.code, syntax.message));

  const complexKey = firstComplexKey(doc);
  if (complexKey !== undefined) throw at(complexKey, [], "a key must be plain text, not a list or mapping");

  let content: unknown;
  try {
    content = doc.toJS();
  } catch (error) {
    throw at(0, [], (error as Error).message);
  }

  const parsed = RulesFileSchema.safeParse(content ?? {}, { error: describeIssue });
  if (!parsed.success) {
    const first = parsed.error.issues
      .flatMap((issue) => issueTargets(issue))
      .map((target) => ({ ...target, offset: locate(doc.contents, target.path) }))
      .reduce((earliest, next) => (next.offset < earliest.offset ? next : earliest));
    throw at(first.offset, first.path, first.problem);
  }

  return compileRules(parsed.data, file, (path, problem) => {
    throw at(locate(doc.contents, path), path, problem);
  });
}

/** The offset of the first mapping key that is itself a list or mapping (`{{ title }}: x` unquoted is one). */
function firstComplexKey(doc: Document): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (pair.key !== null && !isScalar(pair.key)) {
        found = rangeStart(pair.key) ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function yamlProblem(code: string, message: string): string {
  if (code === "DUPLICATE_KEY") return "this key appears twice in the same mapping";
  return message;
}

/** One place per problem: an issue about unknown keys points at each key. */
function issueTargets(issue: z.core.$ZodIssue): Array<{ path: Path; problem: string }> {
  const path = issue.path.map((segment) => (typeof segment === "number" ? segment : String(segment)));
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ path: [...path, key], problem: issue.message }));
  }
  return [{ path, problem: issue.message }];
}
