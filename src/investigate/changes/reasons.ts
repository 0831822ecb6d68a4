import { formatElapsed } from "../../shared/duration.js";
import { type Change, type ChangeKind, serviceName } from "./change.js";

const KIND_PHRASES: Record<ChangeKind, string> = {
  deploy: "deploy",
  feature_flag: "feature flag change",
  config: "config change",
  other: "change",
};

/** How long before: "less than a minute", "25 min", "2 h", "3 h 10 min" (rounded down to the minute). */
export function describeLead(ms: number): string {
  if (ms < 60_000) return "less than a minute";
  return formatElapsed(ms, { largest: "h", style: "words" });
}

function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * Why a change is shown for an incident, in plain words: "deploy to payments-api 25 min before", "config change
 * to ledger (a dependency of payments-api) 2 h before", "deploy to payments-api in pr-12 (not production) 5 min
 * before".
 */
export function changeReason(
  change: Change,
  service: string,
  dependencyOf: readonly string[],
  leadMs: number,
): string {
  const via = dependencyOf.length > 0 ? ` (a dependency of ${list(dependencyOf.map(serviceName))})` : "";
  return `${KIND_PHRASES[change.kind]} to ${serviceName(service)}${via}${whereTo(change)} ${describeLead(leadMs)} before`;
}

/** " in staging (not production)" for a change recorded outside production; nothing otherwise. */
export function whereTo(change: Pick<Change, "environment" | "production">): string {
  if (change.production !== false) return "";
  return ` in ${change.environment ?? "another environment"} (not production)`;
}
