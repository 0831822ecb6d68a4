import { describe, expect, it } from "vitest";
import { InvalidResponseError, MAX_PAGE_SIZE } from "../api/index.js";
import { readPages } from "./pages.js";

/** A list of `n` numbered items served in pages of at most the size asked for. */
function served(n: number) {
  const sizes: number[] = [];
  const items = Array.from({ length: n }, (_, i) => i);
  const fetchPage = async (after: string | undefined, pageSize: number) => {
    sizes.push(pageSize);
    const start = after === undefined ? 0 : Number(after) + 1;
    const page = items.slice(start, start + pageSize);
    const last = page[page.length - 1];
    return {
      items: page,
      after: start + pageSize < n && last !== undefined ? String(last) : undefined,
      total: n,
    };
  };
  return { fetchPage, sizes };
}

describe("readPages", () => {
  it("reads 25 by default and gives the cursor to continue", async () => {
    const { fetchPage, sizes } = served(60);
    const first = await readPages(fetchPage);
    expect(first.items).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(first.total).toBe(60);
    expect(sizes).toEqual([25]);
    const next = await readPages(fetchPage, { after: first.nextCursor as string, limit: 100 });
    expect(next.items[0]).toBe(25);
    expect(next.items).toHaveLength(35);
    expect(next.nextCursor).toBeUndefined();
  });

  it("spans several pages for a limit above the page size, and reads everything with all", async () => {
    const { fetchPage, sizes } = served(600);
    const some = await readPages(fetchPage, { limit: 300 });
    expect(some.items).toHaveLength(300);
    expect(sizes).toEqual([MAX_PAGE_SIZE, 50]);
    expect(some.nextCursor).toBe("299");
    const all = await readPages(fetchPage, { all: true });
    expect(all.items).toHaveLength(600);
    expect(all.nextCursor).toBeUndefined();
  });

  it("stops on a repeated cursor instead of looping", async () => {
    const looping = async () => ({ items: [1], after: "same" });
    await expect(readPages(looping, { all: true })).rejects.toBeInstanceOf(InvalidResponseError);
  });
});
