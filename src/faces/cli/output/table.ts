import { visibleLength } from "./colour.js";

export interface TableOptions {
  /** Applied to each header cell after alignment, e.g. bold. */
  header?: (text: string) => string;
  /** Columns aligned to the right (numbers), by index. */
  alignRight?: readonly number[];
  /** Widest a cell may be; longer text is cut with "…". */
  maxWidth?: number;
  /**
   * Whether cells longer than `maxWidth` are cut (the default): right on a terminal, where a row should fit a line,
   * wrong when the output is piped or saved, where a reason cut with "…" is lost to grep and to the reader.
   */
  cut?: boolean;
}

/** One line per cell; line breaks and tabs inside a cell would break the columns. */
function flatten(cell: string, maxWidth: number): string {
  const flat = cell.replace(/[\r\n\t]+/g, " ");
  return visibleLength(flat) > maxWidth ? `${flat.slice(0, maxWidth - 1)}…` : flat;
}

/**
 * Rows under a header, each column as wide as its widest cell, two spaces apart, no trailing spaces.
 * Cells may carry colour codes; widths count what is visible.
 */
export function renderTable(
  headers: readonly string[],
  rows: readonly string[][],
  options: TableOptions = {},
): string {
  const maxWidth = options.cut === false ? Number.POSITIVE_INFINITY : (options.maxWidth ?? 80);
  const body = rows.map((row) => headers.map((_, i) => flatten(row[i] ?? "", maxWidth)));
  const widths = headers.map((header, i) =>
    Math.max(visibleLength(header), ...body.map((row) => visibleLength(row[i] ?? ""))),
  );
  const right = new Set(options.alignRight ?? []);
  const line = (cells: readonly string[], style: (text: string) => string = (text) => text) =>
    cells
      .map((cell, i) => {
        const pad = " ".repeat((widths[i] ?? 0) - visibleLength(cell));
        return style(right.has(i) ? `${pad}${cell}` : `${cell}${pad}`);
      })
      .join("  ")
      .trimEnd();
  return [line(headers, options.header), ...body.map((row) => line(row))].join("\n");
}
