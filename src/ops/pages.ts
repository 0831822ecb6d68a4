import { InvalidResponseError, MAX_PAGE_SIZE } from "../api/index.js";
import { invalidArgument } from "./invalid-argument.js";

/** Which part of a list to read: `limit` items (default 25) after the cursor `after`, or `all` of them. */
export interface Page {
  limit?: number | undefined;
  after?: string | undefined;
  all?: boolean | undefined;
}

export const DEFAULT_LIMIT = 25;

export interface PageRead<T> {
  items: T[];
  nextCursor?: string;
  total?: number;
}

type FetchPage<T> = (
  after: string | undefined,
  pageSize: number,
) => Promise<{ items: T[]; after?: string | undefined; total?: number | undefined }>;

/** Reads pages until `limit` items (or, with `all`, every item); `nextCursor` continues where this stopped. */
export async function readPages<T>(fetchPage: FetchPage<T>, page: Page = {}): Promise<PageRead<T>> {
  const limit = page.limit ?? DEFAULT_LIMIT;
  if (!page.all && (!Number.isInteger(limit) || limit < 1)) {
    throw invalidArgument(
      `limit must be a whole number of 1 or more, got ${limit}`,
      "give a limit such as 25",
    );
  }
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor = page.after === undefined || page.after === "" ? undefined : page.after;
  let total: number | undefined;
  for (;;) {
    const size = page.all ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit - items.length);
    const read = await fetchPage(cursor, size);
    total ??= read.total;
    items.push(...read.items);
    cursor = read.after === "" ? undefined : read.after;
    if (cursor === undefined || (!page.all && items.length >= limit)) break;
    if (seen.has(cursor)) {
      throw new InvalidResponseError({
        message: `pagination returned the cursor ${cursor} twice; stopping instead of looping forever`,
        path: "pagination_meta.after",
      });
    }
    seen.add(cursor);
  }
  return {
    items,
    ...(cursor !== undefined ? { nextCursor: cursor } : {}),
    ...(total !== undefined ? { total } : {}),
  };
}
