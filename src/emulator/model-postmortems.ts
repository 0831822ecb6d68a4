/** Stored post-mortem documents: written in incident.io (`in_app`) or linked from another provider (`external`). */

export const POSTMORTEM_STATUSES = ["in_progress", "in_review", "completed"] as const;
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

/** `PostmortemDocumentsAttachPayloadV1.document_provider`; the empty string means "infer it from the link". */
export const DOCUMENT_PROVIDERS = [
  "",
  "confluence",
  "google_docs",
  "notion",
  "sharepoint",
  "incident_io",
  "copy_paste_basecamp",
  "copy_paste_confluence",
  "copy_paste_github_wiki",
  "copy_paste_google_docs",
  "copy_paste_notion",
  "copy_paste_quip",
] as const;
export type DocumentProvider = (typeof DOCUMENT_PROVIDERS)[number];

export interface PostmortemDocumentRecord {
  id: string;
  incident_id: string;
  type: "in_app" | "external";
  title: string;
  status: PostmortemStatus;
  /** Users who edited the document, in the order they first did. */
  editor_user_ids: string[];
  exported_urls: string[];
  /** In-app documents only: the content, as the content endpoint renders it. */
  markdown?: string;
  /** External documents only: where the document lives, and who hosts it. */
  permalink?: string;
  document_provider?: DocumentProvider;
  created_at: string;
  updated_at: string;
}
