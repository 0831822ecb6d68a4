import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pageAfter } from "./pagination.js";
import { candidatesOf, pageNewestFirst, RecordOrder } from "./record-order.js";

/**
 * The per-incident index and the cursor pages answer what a plain scan of the whole collection answers: the
 * records in write order, those of one incident, and the page after any cursor with any filter.
 */

interface Item {
  id: string;
  incident?: string | undefined;
  weight: number;
}

const step = fc.record({
  id: fc.integer({ min: 0, max: 30 }).map((n) => `r${n}`),
  incident: fc.option(fc.constantFrom("a", "b", "c"), { nil: undefined }),
  weight: fc.nat(9),
  remove: fc.boolean(),
});

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function replay(steps: Step[]) {
  const order = new RecordOrder<Item>((item) => item.incident);
  const records = new Map<string, Item>();
  for (const { remove, ...item } of steps) {
    const previous = records.get(item.id);
    if (remove && previous) {
      records.delete(item.id);
      order.set(previous, undefined);
    } else if (!remove) {
      records.set(item.id, item);
      order.set(previous, item);
    }
  }
  return { order, records };
}

describe("RecordOrder", () => {
  it("keeps write order and each incident's records, as a scan finds them", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const { order, records } = replay(steps);
        expect(order.all()).toEqual([...records.keys()]);
        for (const incident of ["a", "b", "c"]) {
          const scanned = [...records.values()].filter((r) => r.incident === incident).map((r) => r.id);
          expect(order.withKey(incident)).toEqual(scanned);
        }
        order.all().forEach((id, position) => {
          expect(order.position(id)).toBe(position);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("pages newest first from any cursor, with or without keys, as paging the scanned list does", () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 60 }),
        fc.nat(9),
        fc.integer({ min: 1, max: 5 }),
        fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
        fc.option(fc.uniqueArray(fc.constantFrom<string>("a", "b", "c", "d"), { maxLength: 3 }), {
          nil: undefined,
        }),
        (steps, threshold, pageSize, cursor, keys) => {
          const { order, records } = replay(steps);
          // The key filter is part of the query: the index narrows the candidates, the test checks them too.
          const matches = (item: Item) =>
            item.weight >= threshold && (keys === undefined || keys.includes(item.incident ?? ""));
          const after = cursor === undefined ? null : `r${cursor}`;
          const scanned = [...records.values()].reverse().filter(matches);
          const refused = new Error("unknown after");
          const expected = (() => {
            try {
              return pageAfter(scanned, after, pageSize);
            } catch {
              return refused;
            }
          })();
          const got = (() => {
            try {
              const candidates = candidatesOf(order, keys);
              return pageNewestFirst(
                candidates.ids,
                candidates.indexOf,
                (id) => records.get(id),
                matches,
                after,
                pageSize,
                () => refused,
              );
            } catch (error) {
              return error;
            }
          })();
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
