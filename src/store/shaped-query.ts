import { type Compilable, CompiledQuery, type Kysely } from "kysely";

/** What a shaped query says of itself: see `ShapedQuery`. */
export interface ShapedQuerySpec<DB, Input, Row> {
  /** Everything the query's SQL text depends on (how many values a list holds), as a key. */
  shape(input: Input): number | string;
  /** The query for `input`, built with Kysely's query builder. */
  build(db: Kysely<DB>, input: Input): Compilable<Row>;
  /** `input`'s values in the order the compiled SQL takes them. */
  parameters(input: Input): unknown[];
}

/**
 * A query Kysely compiles once per shape and database, then runs with each call's values. Kysely builds and
 * compiles a query anew at every call, and for intake's hottest queries (a round's group states, its alerts'
 * insert) that cost as much again as SQLite running them; their SQL depends only on how many values they carry.
 *
 * The first compile of each shape checks `parameters` against the values Kysely itself put in the query, so a
 * spec that lists them in the wrong order fails at once, in whichever test first runs it, rather than writing
 * values to the wrong columns.
 */
export class ShapedQuery<DB, Input, Row> {
  /**
   * The SQL of each shape, by the database's dialect adapter (one per Kysely instance, shared by its
   * transactions). Only the text is kept: a compiled query holds the values it was compiled with.
   */
  readonly #sql = new WeakMap<object, Map<number | string, string>>();

  constructor(private readonly spec: ShapedQuerySpec<DB, Input, Row>) {}

  async execute(db: Kysely<DB>, input: Input): Promise<Row[]> {
    const adapter = db.getExecutor().adapter;
    let shapes = this.#sql.get(adapter);
    if (!shapes) {
      shapes = new Map();
      this.#sql.set(adapter, shapes);
    }
    const shape = this.spec.shape(input);
    const parameters = this.spec.parameters(input);
    let sql = shapes.get(shape);
    if (sql === undefined) {
      const compiled = this.spec.build(db, input).compile();
      const expected = compiled.parameters;
      if (expected.length !== parameters.length || expected.some((value, i) => value !== parameters[i]))
        throw new Error(`a shaped query's parameters are not the ones Kysely compiled: ${compiled.sql}`);
      sql = compiled.sql;
      shapes.set(shape, sql);
    }
    const query = CompiledQuery.raw(sql, parameters) as CompiledQuery<Row>;
    return (await db.executeQuery(query)).rows;
  }
}
