import { type DestinationStream, type Logger, pino } from "pino";
import { prettyDestination } from "./log-pretty.js";
import { REDACTED, REDACTED_PATHS } from "./log-redact.js";

export type { Logger } from "pino";

/** pino's levels, most severe first; `silent` writes nothing. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

export interface LoggerOptions {
  /** Each line's `name`, and the start of a human line (`hub: …`). */
  name: string;
  /** The least severe level written. Default `info`. */
  level?: LogLevel;
  /** One line a person reads per entry (for a terminal) instead of a JSON object per line. */
  pretty?: boolean;
  /**
   * Where the lines go. Default: stderr, written synchronously, so the lines of a failure just before the process
   * exits are not lost in a buffer.
   */
  destination?: DestinationStream;
}

/**
 * The one logger: pino, writing JSON lines (`{"level":"error","time":"…","name":"hub","msg":"…","job":"outbox"}`)
 * or, with `pretty`, human lines; secrets redacted by field name (log-redact.ts) on either.
 */
export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? "info";
  const destination = options.destination ?? pino.destination({ dest: 2, sync: true });
  return pino(
    {
      name: options.name,
      level,
      // Level names, not numbers, and ISO times: lines read the same by a person, jq and a log shipper.
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACTED_PATHS], censor: REDACTED },
    },
    options.pretty
      ? prettyDestination(destination, { stacks: level === "debug" || level === "trace" })
      : destination,
  );
}
