import { z } from "zod";
import { MAX_PAGE_SIZE } from "../../api/index.js";
import { DEFAULT_LIMIT, type Page } from "../../ops/index.js";

/** The paging parameters of list tools. */
export const pageInput = {
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .optional()
    .describe(`How many to return (1-${MAX_PAGE_SIZE}, default ${DEFAULT_LIMIT}).`),
  after: z
    .string()
    .min(1)
    .optional()
    .describe("The next_cursor of a previous call, to continue where it stopped. Omit for the first page."),
};

export function toPage(args: { limit?: number | undefined; after?: string | undefined }): Page {
  return {
    limit: args.limit ?? DEFAULT_LIMIT,
    after: args.after,
  };
}

export const nextCursor = z
  .string()
  .optional()
  .describe("Present when there are more: pass it as `after` to get the next page");

/** The closing line of a page: how to get more, or that this is all. */
export function moreText(tool: string, cursor: string | undefined): string {
  return cursor ? `More results: call ${tool} again with after=${cursor} for more.` : "No more results.";
}
