import { z } from "zod";
import { PaginationMeta } from "./common.js";
import { type OpenEnum, openEnum } from "./open-enum.js";

const STATUSES = ["in_progress", "in_review", "completed"] as const;

export const PostmortemStatus = openEnum(STATUSES);
export type PostmortemStatus = OpenEnum<(typeof STATUSES)[number]>;

/** `UserV1`: a user as post-mortem documents name their editors. */
const UserV1 = z.looseObject({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  email: z.string().optional(),
  slack_user_id: z.string().optional(),
});

/**
 * `PostmortemDocumentV1`: a post-mortem's metadata. `in_app` documents are written in incident.io (their markdown
 * comes from the content endpoint); `external` ones live at `document_url` in another provider.
 */
export const PostmortemDocument = z.looseObject({
  id: z.string(),
  incident_id: z.string(),
  title: z.string(),
  status: PostmortemStatus,
  type: openEnum(["in_app", "external"]),
  document_url: z.string(),
  exported_urls: z.array(z.string()),
  editors: z.array(UserV1),
  created_at: z.string(),
  updated_at: z.string(),
});
export type PostmortemDocument = z.infer<typeof PostmortemDocument>;

export const PostmortemDocumentsListResult = z.looseObject({
  postmortem_documents: z.array(PostmortemDocument),
  pagination_meta: PaginationMeta,
});
export const PostmortemDocumentResult = z.looseObject({ postmortem_document: PostmortemDocument });
export const PostmortemContentResult = z.looseObject({ markdown: z.string() });
