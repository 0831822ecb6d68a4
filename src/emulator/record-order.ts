/**
 * One collection's record IDs in the order they were first written (the order its list reads, newest first from
 * the end), with each ID's position and the IDs per key (the incident of a follow-up, an action or an escalation;
 * the deduplication key of an alert). A list filtered by that key then reads its few records, and a paged list
 * reads from its cursor until the page is full, instead of every record.
 */
export class RecordOrder<R extends { id: string }> {
  private ids: string[] = [];
  private positions = new Map<string, number>();
  private readonly byKey = new Map<string, string[]>();

  constructor(private readonly keyOf: (record: R) => string | undefined) {}

  /** Follows one committed change: `next` undefined when the record was removed. */
  set(previous: R | undefined, next: R | undefined): void {
    const before = previous ? this.keyOf(previous) : undefined;
    const after = next ? this.keyOf(next) : undefined;
    if (!previous && next && !this.positions.has(next.id)) {
      this.positions.set(next.id, this.ids.length);
      this.ids.push(next.id);
    }
    if (previous && !next) {
      this.ids = this.ids.filter((id) => id !== previous.id);
      this.positions = new Map(this.ids.map((id, position) => [id, position]));
    }
    if (before === after && previous) return;
    const id = (next ?? previous)?.id ?? "";
    if (before !== undefined) {
      const list = this.byKey.get(before)?.filter((other) => other !== id) ?? [];
      if (list.length > 0) this.byKey.set(before, list);
      else this.byKey.delete(before);
    }
    if (after !== undefined) this.insertForKey(after, id);
  }

  /** Every ID, oldest first. Do not mutate. */
  all(): readonly string[] {
    return this.ids;
  }

  position(id: string): number | undefined {
    return this.positions.get(id);
  }

  /** The IDs of the records with one key, oldest first. */
  withKey(key: string): readonly string[] {
    return this.byKey.get(key) ?? [];
  }

  /** Keeps each key's list in the collection's order (a record can join one later, when its key changes). */
  private insertForKey(key: string, id: string): void {
    const list = this.byKey.get(key);
    if (!list) {
      this.byKey.set(key, [id]);
      return;
    }
    const position = this.positions.get(id) ?? Number.POSITIVE_INFINITY;
    let at = list.length;
    while (at > 0 && (this.positions.get(list[at - 1] as string) ?? 0) > position) at--;
    list.splice(at, 0, id);
  }
}

/**
 * The IDs a list reads, oldest first, and where each stands among them: with `keys`, only the records with one of
 * those keys (in the collection's order); else every record.
 */
export function candidatesOf<R extends { id: string }>(
  order: RecordOrder<R>,
  keys: readonly string[] | undefined,
): { ids: readonly string[]; indexOf: (id: string) => number | undefined } {
  if (keys === undefined) return { ids: order.all(), indexOf: (id) => order.position(id) };
  const ids = [...new Set(keys.flatMap((key) => order.withKey(key)))].sort(
    (a, b) => (order.position(a) ?? 0) - (order.position(b) ?? 0),
  );
  return { ids, indexOf: (id) => ids.lastIndexOf(id) };
}

/**
 * One page of records newest first, from the record after `after`: the `candidates` (IDs oldest first) are read
 * from the end only until the page is full and one more match shows there is a next page. `after` must name a
 * record the same query lists, or the request is refused as the full list would refuse it.
 */
export function pageNewestFirst<T extends { id: string }>(
  candidates: readonly string[],
  indexOf: (id: string) => number | undefined,
  load: (id: string) => T | undefined,
  matches: (item: T) => boolean,
  after: string | null,
  pageSize: number,
  unknownAfter: (after: string) => Error,
): { page: T[]; after?: string } {
  let start = candidates.length - 1;
  if (after !== null) {
    const index = indexOf(after) ?? -1;
    const cursor = index < 0 ? undefined : load(after);
    if (!cursor || !matches(cursor)) throw unknownAfter(after);
    start = index - 1;
  }
  const page: T[] = [];
  for (let i = start; i >= 0; i--) {
    const item = load(candidates[i] as string);
    if (!item || !matches(item)) continue;
    if (page.length === pageSize) {
      const last = page[page.length - 1] as T;
      return { page, after: last.id };
    }
    page.push(item);
  }
  return { page };
}
