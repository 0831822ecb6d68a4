import { formatElapsed } from "../shared/duration.js";
import type { Expr, IncidentSet } from "./ast.js";
import { ExpressionError } from "./errors.js";
import type { IncidentFacts } from "./facts.js";
import type { CompiledValue, Measure } from "./measure.js";
import { compileSet } from "./sets.js";

type Statistic = "mean" | "median" | "p95";
const TIMES_TO_RESOLVE: Record<string, Statistic> = { mttr: "mean", median_ttr: "median", p95_ttr: "p95" };
const STATISTIC_WORDS: Record<Statistic, string> = {
  mean: "mean time to resolve",
  median: "median time to resolve",
  p95: "95th percentile time to resolve",
};
export const FUNCTIONS = "count, mttr, median_ttr, p95_ttr, time_since";

const plural = (n: number, noun: string) => (n === 1 ? noun : `${noun}s`);

/** `count(…)`, `mttr(…)`, `median_ttr(…)`, `p95_ttr(…)`, `time_since(last incident …)`. */
export function compileCall(node: Expr & { kind: "call" }, source: string): CompiledValue {
  const { name } = node;
  if (name === "field") {
    throw new ExpressionError(
      node.start,
      'field("…") is an incident\'s custom field: use it inside a set, like count(incidents where field("Team") = "payments")',
    );
  }
  const statistic = TIMES_TO_RESOLVE[name];
  if (name !== "count" && name !== "time_since" && !statistic) {
    throw new ExpressionError(node.start, `unknown function "${name}"; known: ${FUNCTIONS}`);
  }
  const set = onlySetArgument(node);
  if (set.last && name !== "time_since") {
    throw new ExpressionError(
      set.start,
      `${name}(…) takes incidents, not "last incident": ${name}(incidents …)`,
    );
  }
  const compiled = compileSet(set, source);

  if (name === "count") {
    return {
      type: "number",
      literal: null,
      bind: (organisation) => {
        const bound = compiled(organisation);
        return (scope) => {
          const n = bound.select(scope).length;
          return { value: n, phrase: `${n} ${bound.describe(plural(n, "incident"))}` };
        };
      },
    };
  }
  if (name === "time_since") {
    return {
      type: "duration",
      literal: null,
      bind: (organisation) => {
        const bound = compiled(organisation);
        return (scope) => {
          const latest = latestOf(bound.select(scope));
          if (!latest) {
            return {
              value: Number.POSITIVE_INFINITY,
              none: true,
              phrase: `no ${bound.describe("incident")}`,
            };
          }
          const since = Math.max(0, scope.nowMs - latest.createdMs);
          return {
            value: since,
            phrase: `the last ${bound.describe("incident")} (${latest.incident.reference}) was ${formatElapsed(since, { round: "nearest" })} ago`,
          };
        };
      },
    };
  }
  const stat = statistic as Statistic;
  return {
    type: "duration",
    literal: null,
    bind: (organisation) => {
      const bound = compiled(organisation);
      return (scope): Measure => {
        const durations = timesToResolve(bound.select(scope));
        if (durations.length === 0) {
          return { value: null, phrase: `no resolved ${bound.describe("incidents")} to measure` };
        }
        const value = summarise(durations, stat);
        const n = durations.length;
        return {
          value,
          phrase: `${STATISTIC_WORDS[stat]} ${formatElapsed(value, { round: "nearest" })} over ${n} resolved ${bound.describe(plural(n, "incident"))}`,
        };
      };
    },
  };
}

function onlySetArgument(node: Expr & { kind: "call" }): IncidentSet {
  const [arg, extra] = node.args;
  const example =
    node.name === "time_since" ? "time_since(last incident where …)" : `${node.name}(incidents where …)`;
  if (arg?.kind !== "incidents") {
    throw new ExpressionError(
      arg?.start ?? node.start,
      `${node.name}(…) takes a set of incidents, like ${example}`,
    );
  }
  if (extra) throw new ExpressionError(extra.start, `${node.name}(…) takes one set of incidents`);
  return arg;
}

function latestOf(facts: readonly IncidentFacts[]): IncidentFacts | undefined {
  let latest: IncidentFacts | undefined;
  for (const fact of facts) if (!latest || fact.createdMs > latest.createdMs) latest = fact;
  return latest;
}

/** Times to resolve of the resolved incidents; open incidents have none and are left out. */
function timesToResolve(facts: readonly IncidentFacts[]): number[] {
  const durations: number[] = [];
  for (const fact of facts) {
    if (fact.resolvedMs !== null) durations.push(Math.max(0, fact.resolvedMs - fact.createdMs));
  }
  return durations;
}

/** Mean; median (the mean of the middle two for an even count); p95 by nearest rank. */
export function summarise(durations: number[], statistic: Statistic): number {
  if (statistic === "mean") {
    let total = 0;
    for (const d of durations) total += d;
    return total / durations.length;
  }
  const sorted = [...durations].sort((a, b) => a - b);
  if (statistic === "median") {
    const mid = sorted.length >> 1;
    return sorted.length % 2
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  }
  return sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] as number;
}
