import { type Clock, systemClock } from "../../../shared/clock.js";
import { colourWanted, type Palette, palette } from "./colour.js";
import { renderTable, type TableOptions } from "./table.js";

/** Where a command's answer goes: one JSON document with `--json`, else text for people. */
export interface Output {
  readonly json: boolean;
  readonly colour: Palette;
  /** Now, for relative times. */
  now(): number;
  /** Prints `document` as JSON in `--json` mode, else the text `human()` builds. */
  emit(document: Record<string, unknown>, human: () => string): void;
  /** A table (see `renderTable`) whose long cells are cut only when stdout is a terminal: piped, nothing is cut. */
  table(headers: readonly string[], rows: readonly string[][], options?: Omit<TableOptions, "cut">): string;
}

export interface OutputOptions {
  json?: boolean | undefined;
  env?: Readonly<Record<string, string | undefined>> | undefined;
  stdout?: { isTTY?: boolean; write(text: string): unknown };
  clock?: Clock;
}

export function createOutput(options: OutputOptions = {}): Output {
  const stdout = options.stdout ?? process.stdout;
  const json = options.json === true;
  const clock = options.clock ?? systemClock;
  const terminal = stdout.isTTY === true;
  return {
    json,
    colour: palette(!json && colourWanted(stdout, options.env ?? {})),
    now: () => clock.now(),
    emit(document, human) {
      const text = json ? JSON.stringify(document, null, 2) : human();
      if (text !== "") stdout.write(text.endsWith("\n") ? text : `${text}\n`);
    },
    table: (headers, rows, tableOptions = {}) =>
      renderTable(headers, rows, { ...tableOptions, cut: terminal }),
  };
}
