import type { Incident, PostmortemDocument } from "../api/index.js";
import { fetchIncident } from "./incident-lookup.js";
import { invalidArgument } from "./invalid-argument.js";
import { type Page, readPages } from "./pages.js";
import type { OpsSession } from "./session.js";

/** Post-mortem documents, newest first, of one incident when `incident` is given; a page of them or all. */
export async function listPostmortems(
  s: OpsSession,
  filter: { incident?: string | undefined } = {},
  page?: Page,
): Promise<{ documents: PostmortemDocument[]; incident?: Incident; nextCursor?: string }> {
  const incident = filter.incident === undefined ? undefined : await fetchIncident(s, filter.incident);
  const read = await readPages(async (after, pageSize) => {
    const result = await s.io.postmortemDocuments.listPage(incident ? { incidentId: incident.id } : {}, {
      pageSize,
      after,
    });
    return { items: result.postmortemDocuments, after: result.paginationMeta.after };
  }, page);
  return {
    documents: read.items,
    ...(incident ? { incident } : {}),
    ...(read.nextCursor !== undefined ? { nextCursor: read.nextCursor } : {}),
  };
}

/** A post-mortem with what it says: the markdown of one written in incident.io, cut at `maxChars`. */
export interface Postmortem {
  document: PostmortemDocument;
  /** In-app documents only; external ones are read at `document.document_url`. */
  markdown?: string;
  /** True when the markdown was cut at `maxChars`. */
  truncated: boolean;
}

/** The markdown a post-mortem may run to before it is cut, so one call cannot flood an agent's context. */
export const POSTMORTEM_MAX_CHARS = 50_000;

/**
 * A post-mortem by its document ID, or the newest of an incident's (by reference), with its content. Give exactly
 * one of `id` and `incident`.
 */
export async function getPostmortem(
  s: OpsSession,
  which: { id?: string | undefined; incident?: string | undefined },
  options: { maxChars?: number } = {},
): Promise<Postmortem> {
  if ((which.id === undefined) === (which.incident === undefined)) {
    throw invalidArgument(
      "give either a post-mortem document ID or an incident, not both or neither",
      "name the incident (INC-123) for its newest post-mortem, or the document's ID from the list",
    );
  }
  const document =
    which.id !== undefined
      ? await s.io.postmortemDocuments.show(which.id.trim())
      : await newestOf(s, which.incident ?? "");
  if (document.type !== "in_app") return { document, truncated: false };
  const max = options.maxChars ?? POSTMORTEM_MAX_CHARS;
  const markdown = await s.io.postmortemDocuments.content(document.id);
  return markdown.length > max
    ? { document, markdown: markdown.slice(0, max), truncated: true }
    : { document, markdown, truncated: false };
}

async function newestOf(s: OpsSession, ref: string): Promise<PostmortemDocument> {
  const { documents, incident } = await listPostmortems(s, { incident: ref }, { limit: 1 });
  const newest = documents[0];
  if (newest) return newest;
  throw invalidArgument(
    `${incident?.reference ?? ref} has no post-mortem`,
    "write or link one in incident.io first, or list post-mortems across incidents",
  );
}
