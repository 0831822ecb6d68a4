import { type Document, isScalar, LineCounter, parseDocument, visit } from "yaml";
import type { z } from "zod";
import type { LocatedError, LocatedProblem } from "./located-error.js";
import { formatPath, locate, rangeStart, type YamlPath } from "./yaml-location.js";
import { describeIssue } from "./zod-issue.js";
import { knownKeys } from "./zod-known-keys.js";

/** The kind of `LocatedError` a loader throws (`HubConfigError`, `RulesError`, `ScorecardError`). */
export type LocatedErrorClass<E extends LocatedError> = new (
  ...args: ConstructorParameters<typeof LocatedError>
) => E;

export interface YamlConfig<T, E extends LocatedError> {
  /** The file's content, checked against the schema. */
  value: T;
  /** The parsed document, for the places of nodes (`locate(doc.contents, path)`, a scalar's range). */
  doc: Document;
  /** An error of the loader's kind at a source offset, naming the setting at `path`. */
  at(offset: number, path: YamlPath, problem: string): E;
  /** An error at the setting `path` (or the nearest part of it written in the file). */
  errorAt(path: YamlPath, problem: string): E;
}

/**
 * Reads a YAML config file and checks it against `schema`. A file that cannot be used throws one `errorClass`
 * listing every problem found, each at file:line:column with the setting at fault, the first in the file first:
 * the YAML's syntax errors if any (a duplicate key, a key that is a list or mapping), else every way the content
 * misses the schema. Checks that need more than the schema (environment variables, references between settings)
 * throw through `at` / `errorAt` afterwards.
 */
export function loadYamlConfig<S extends z.ZodType, E extends LocatedError>(
  text: string,
  file: string,
  schema: S,
  errorClass: LocatedErrorClass<E>,
): YamlConfig<z.output<S>, E> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: "error" });
  const place = (offset: number, path: YamlPath, problem: string): LocatedProblem => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col, field: formatPath(path), problem };
  };
  /** One error listing `problems` (at least one), the first in the file first. */
  const listing = (problems: LocatedProblem[]): E => {
    const [first, ...more] = problems.sort((a, b) => a.line - b.line || a.column - b.column);
    if (first === undefined) return at(0, [], "cannot be read");
    return new errorClass(file, first.line, first.column, first.field, first.problem, undefined, more);
  };
  const at = (offset: number, path: YamlPath, problem: string): E => {
    const { line, column, field } = place(offset, path, problem);
    return new errorClass(file, line, column, field, problem);
  };

  const syntax = [
    ...doc.errors.map((error) => place(error.pos[0], [], yamlSyntaxProblem(error))),
    ...complexKeys(doc).map((offset) => place(offset, [], "a key must be plain text, not a list or mapping")),
  ];
  if (syntax.length > 0) throw listing(syntax);

  let content: unknown;
  try {
    content = doc.toJS();
  } catch (error) {
    throw at(0, [], (error as Error).message);
  }
  const parsed = schema.safeParse(content ?? {}, { error: describeIssue });
  if (!parsed.success) {
    const seen = new Set<string>();
    throw listing(
      parsed.error.issues
        .flatMap((issue) => issueTargets(issue, schema, content))
        .filter(({ path, problem }) => {
          const key = `${formatPath(path)}\n${problem}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        })
        .map(({ path, problem }) => place(locate(doc.contents, path), path, problem)),
    );
  }
  return {
    value: parsed.data,
    doc,
    at,
    errorAt: (path, problem) => at(locate(doc.contents, path), path, problem),
  };
}

/** A YAML syntax error in plain words where the library's are obscure. */
export function yamlSyntaxProblem(error: { code: string; message: string }): string {
  if (error.code === "DUPLICATE_KEY") return "this key appears twice in the same mapping";
  return error.message;
}

/** The offsets of mapping keys that are themselves lists or mappings (`{{ title }}: x` unquoted is one). */
function complexKeys(doc: Document): number[] {
  const found: number[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (pair.key === null || isScalar(pair.key)) return undefined;
      found.push(rangeStart(pair.key) ?? 0);
      // The key's own insides are not reported again.
      return visit.SKIP;
    },
  });
  return found;
}

/**
 * One place per problem: an unknown key is pointed at itself, with the keys that are known there; a bad mapping
 * key (a record's) says what its own check said.
 */
function issueTargets(
  issue: z.core.$ZodIssue,
  schema: z.ZodType,
  content: unknown,
): Array<{ path: YamlPath; problem: string }> {
  const path = issue.path.map((segment) => (typeof segment === "number" ? segment : String(segment)));
  if (issue.code === "unrecognized_keys") {
    const known = knownKeys(schema, path, content);
    const problem = known === undefined ? "unknown key" : `unknown key (known keys: ${known.join(", ")})`;
    return issue.keys.map((key) => ({ path: [...path, key], problem }));
  }
  if (issue.code === "invalid_key") return [{ path, problem: issue.issues[0]?.message ?? issue.message }];
  return [{ path, problem: issue.message }];
}
