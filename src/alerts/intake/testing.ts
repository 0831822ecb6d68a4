import { readFileSync } from "node:fs";
import type { FieldError, ParseResult } from "./result.js";

/** An example payload from `examples/`, parsed. */
export function example(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./examples/${name}.json`, import.meta.url), "utf8"));
}

/** The errors of a result that must have failed. */
export function errorsOf(result: ParseResult): FieldError[] {
  if (result.ok) throw new Error(`expected errors, got ${result.events.length} events`);
  return result.errors;
}

/** The events of a result that must have succeeded. */
export function eventsOf(result: ParseResult) {
  if (!result.ok) throw new Error(`expected events, got errors: ${JSON.stringify(result.errors)}`);
  return result.events;
}
