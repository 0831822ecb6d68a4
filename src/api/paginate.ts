import { IncidentKitError, InvalidResponseError } from "./errors.js";

export const MAX_PAGE_SIZE = 250;

/** `page_size` must be a whole number in 1..max; incident.io would otherwise reject or silently clamp it. */
export function checkPageSize(pageSize: number | undefined, max = MAX_PAGE_SIZE): number | undefined {
  if (pageSize === undefined) return undefined;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > max) {
    throw new IncidentKitError({
      code: "invalid_argument",
      message: `page_size must be a whole number from 1 to ${max}, got ${pageSize}`,
      hint: `pass a page size between 1 and ${max}`,
    });
  }
  return pageSize;
}

export function checkLimit(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new IncidentKitError({
      code: "invalid_argument",
      message: `limit must be a whole number ≥ 0, got ${limit}`,
      hint: "pass a limit of 0 or more, or none for every item",
    });
  }
  return limit;
}

export interface Page<T> {
  items: T[];
  /** The cursor for the next page; absent on the last page. */
  after?: string | undefined;
}

/**
 * Every item over every page, fetching lazily: stops when `pagination_meta.after` is absent or `limit` items have
 * been yielded.
 */
export async function* paginate<T>(
  fetchPage: (after: string | undefined) => Promise<Page<T>>,
  limit?: number,
): AsyncGenerator<T, void, undefined> {
  checkLimit(limit);
  let yielded = 0;
  let after: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    if (limit !== undefined && yielded >= limit) return;
    const page = await fetchPage(after);
    for (const item of page.items) {
      if (limit !== undefined && yielded >= limit) return;
      yielded++;
      yield item;
    }
    if (!page.after) return;
    if (seen.has(page.after)) {
      throw new InvalidResponseError({
        message: `pagination returned the cursor ${page.after} twice; stopping instead of looping forever`,
        path: "pagination_meta.after",
      });
    }
    seen.add(page.after);
    after = page.after;
  }
}
