import { validationError } from "./errors.js";

/**
 * Parses `page_size`. Whole numbers 1..max are honoured; `clampUpTo` allows larger values that are then
 * clamped to `max` (GET /v2/incidents: the schema allows 500, the prose and pagination_meta say 250).
 */
export function parsePageSize(raw: string | null, max: number, clampUpTo = max): number {
  if (raw === null) return 25;
  const value = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < 1 || value > clampUpTo) {
    throw validationError("page_size", `page_size must be a whole number from 1 to ${max}, got "${raw}".`);
  }
  return Math.min(value, max);
}

/** One page of `items` (already in response order) after the item with ID `after`. */
export function pageAfter<T extends { id: string }>(
  items: readonly T[],
  after: string | null,
  pageSize: number,
): { page: T[]; after?: string } {
  let start = 0;
  if (after !== null) {
    const index = items.findIndex((item) => item.id === after);
    if (index < 0) throw unknownAfter(after);
    start = index + 1;
  }
  const page = items.slice(start, start + pageSize);
  const last = page[page.length - 1];
  return start + pageSize < items.length && last ? { page, after: last.id } : { page };
}

export function unknownAfter(after: string) {
  return validationError(
    "after",
    `after must be the ID of a record from the previous page; "${after}" is not one.`,
  );
}
