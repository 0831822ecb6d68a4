/**
 * `T` as `withoutUndefined` leaves it: a property that may be undefined becomes optional and, when present, defined.
 * With `exactOptionalPropertyTypes` this is what lets the result stand where absent and undefined differ.
 */
export type Defined<T> = {
  [K in keyof T as undefined extends T[K] ? never : K]: T[K];
} & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** The object without its undefined properties, so it compares, spreads and serialises as if they were absent. */
export function withoutUndefined<T extends object>(value: T): Defined<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Defined<T>;
}
