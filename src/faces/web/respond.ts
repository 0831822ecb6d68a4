import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { html } from "./layout.js";
import { withViewer } from "./viewer.js";

/** Headers every page carries: no inline script or style, no framing, no referrer to other sites. */
export const PAGE_HEADERS: Record<string, string> = {
  "content-security-policy":
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
  "cache-control": "no-store",
};

/** Sends a page element as an HTML document, its header naming who is signed in. */
export async function sendPage(
  c: Context,
  page: { toString(): string | Promise<string> },
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  return c.html(await html(withViewer(c, page)), status, PAGE_HEADERS);
}
