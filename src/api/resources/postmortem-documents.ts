import { type Caller, segment } from "../caller.js";
import { checkPageSize, paginate } from "../paginate.js";
import type { PaginationMeta } from "../types/common.js";
import type { OpenEnum } from "../types/open-enum.js";
import {
  PostmortemContentResult,
  type PostmortemDocument,
  PostmortemDocumentResult,
  PostmortemDocumentsListResult,
} from "../types/postmortems.js";

export interface PostmortemDocumentsFilter {
  /** Only this incident's documents. */
  incidentId?: string;
  /** Newest first unless asked otherwise. */
  sortBy?: OpenEnum<"created_at_newest_first" | "created_at_oldest_first">;
}

export interface PostmortemDocumentsPage {
  postmortemDocuments: PostmortemDocument[];
  paginationMeta: PaginationMeta;
}

/** Post-mortem documents (v1), read only: metadata, and the content of those written in incident.io as markdown. */
export class PostmortemDocuments {
  constructor(private readonly caller: Caller) {}

  async listPage(
    filter: PostmortemDocumentsFilter = {},
    options: { after?: string | undefined; pageSize?: number | undefined } = {},
  ): Promise<PostmortemDocumentsPage> {
    const result = await this.caller.json(PostmortemDocumentsListResult, "GET", "/v1/postmortem_documents", {
      query: {
        incident_id: filter.incidentId,
        sort_by: filter.sortBy,
        page_size: checkPageSize(options.pageSize),
        after: options.after,
      },
    });
    return { postmortemDocuments: result.postmortem_documents, paginationMeta: result.pagination_meta };
  }

  list(
    filter: PostmortemDocumentsFilter = {},
    options: { pageSize?: number; limit?: number } = {},
  ): AsyncGenerator<PostmortemDocument> {
    const pageSize = checkPageSize(options.pageSize ?? 250);
    return paginate(async (after) => {
      const page = await this.listPage(filter, { pageSize, ...(after ? { after } : {}) });
      return { items: page.postmortemDocuments, after: page.paginationMeta.after };
    }, options.limit);
  }

  async show(id: string): Promise<PostmortemDocument> {
    return (
      await this.caller.json(PostmortemDocumentResult, "GET", `/v1/postmortem_documents/${segment(id)}`)
    ).postmortem_document;
  }

  /** The document rendered as markdown, as the dashboard's "Copy to clipboard" gives it (in-app documents only). */
  async content(id: string): Promise<string> {
    return (
      await this.caller.json(
        PostmortemContentResult,
        "GET",
        `/v1/postmortem_documents/${segment(id)}/content`,
      )
    ).markdown;
  }
}
