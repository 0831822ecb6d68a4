import type { Context } from "hono";
import { accepts } from "hono/accepts";

/**
 * Whether the request asks for a page rather than data: its `Accept` header prefers HTML to JSON, as a browser's
 * does (`text/html,…,*\/*;q=0.8`). `*\/*` alone (curl, most HTTP clients) or no header at all means JSON.
 */
export function wantsHtml(c: Context): boolean {
  const preferred = accepts(c, {
    header: "Accept",
    supports: ["application/json", "text/html"],
    default: "application/json",
  });
  return preferred === "text/html";
}
