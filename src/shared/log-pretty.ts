import type { DestinationStream } from "pino";

/** What pino writes for one entry, as far as a human line needs it. */
interface Entry {
  level?: string;
  name?: string;
  msg?: string;
  err?: { stack?: string };
  [field: string]: unknown;
}

/** Fields every line has, or that the line shows otherwise: left out of the `(key=value …)` tail. */
const SHOWN_OTHERWISE = new Set(["level", "time", "pid", "hostname", "name", "msg", "err"]);

/** How a level reads at the start of a human line; info, the ordinary case, says nothing. */
const LEVEL_WORDS: Record<string, string> = {
  fatal: "fatal: ",
  error: "error: ",
  warn: "warning: ",
  info: "",
  debug: "debug: ",
  trace: "trace: ",
};

export interface PrettyOptions {
  /** Each line's error stack too, indented beneath it (at debug and trace: the lines are for a developer then). */
  stacks: boolean;
}

/**
 * A pino destination for a terminal: each JSON entry as one line a person reads, `hub: error: <message>
 * (job=outbox, alert_id=…)`, the way `incidentkit` writes its other messages. pino still formats, redacts and
 * levels every entry; this only re-renders the finished line.
 */
export function prettyDestination(target: DestinationStream, options: PrettyOptions): DestinationStream {
  return {
    write(line: string) {
      target.write(prettyLine(line, options));
    },
  };
}

/** One JSON line as a human one; a line that is not JSON (nothing pino writes) passes through as it came. */
export function prettyLine(line: string, options: PrettyOptions): string {
  let entry: Entry;
  try {
    entry = JSON.parse(line) as Entry;
  } catch {
    return line;
  }
  const prefix = entry.name ? `${entry.name}: ` : "";
  const level = LEVEL_WORDS[entry.level ?? ""] ?? `${entry.level}: `;
  const fields = Object.entries(entry)
    .filter(([key]) => !SHOWN_OTHERWISE.has(key))
    .map(
      ([key, value]) =>
        `${key}=${typeof value === "string" && /^[^\s"=,()]+$/.test(value) ? value : JSON.stringify(value)}`,
    );
  const tail = fields.length > 0 ? ` (${fields.join(", ")})` : "";
  const stack =
    options.stacks && typeof entry.err?.stack === "string"
      ? `\n${entry.err.stack.replace(/^/gm, "    ")}`
      : "";
  return `${prefix}${level}${entry.msg ?? ""}${tail}${stack}\n`;
}
