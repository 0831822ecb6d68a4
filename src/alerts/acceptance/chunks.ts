/** Rows written per statement: well inside SQLite's and PostgreSQL's limits on bound values. */
const CHUNK = 500;

/** The rows in slices small enough for one statement's bound values on either database. */
export function* chunks<T>(rows: readonly T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += CHUNK) yield rows.slice(i, i + CHUNK);
}
