import type { Context } from "hono";
import { BuiltPage, sendBuiltPage } from "./built-page.js";
import { html } from "./layout.js";
import { viewerKey, withViewer } from "./viewer.js";

/** Viewers kept per model: beyond, the page built longest ago is dropped (and built again if asked for). */
const VIEWERS_PER_MODEL = 64;

/**
 * Pages built once per model and viewer. A page is a function of two things alone: the model the data gave this
 * request (the same object for the same question until an incident changes; a new one afterwards, so the page
 * follows) and who looks (the header names them, and what they may see is theirs: see `viewerKey`). Keyed by both,
 * a page is never sent to a viewer it was not built for, and is dropped with its model.
 */
export class PageCache {
  private readonly pages = new WeakMap<object, Map<string, Promise<BuiltPage>>>();

  /** The page of `model` for `viewer`, built by `build` the first time; concurrent first requests share it. */
  page(model: object, viewer: string, build: () => Promise<string>): Promise<BuiltPage> {
    let byViewer = this.pages.get(model);
    if (byViewer === undefined) {
      byViewer = new Map();
      this.pages.set(model, byViewer);
    }
    const known = byViewer.get(viewer);
    if (known !== undefined) return known;
    const built = build().then((html) => new BuiltPage(html));
    byViewer.set(viewer, built);
    if (byViewer.size > VIEWERS_PER_MODEL) byViewer.delete(byViewer.keys().next().value as string);
    // A page that failed to build is not kept: the next request tries again.
    built.catch(() => {
      if (byViewer.get(viewer) === built) byViewer.delete(viewer);
    });
    return built;
  }
}

/**
 * Answers with the page of `model` for this request's viewer from `cache`, `render` building it the first time
 * (see `sendBuiltPage`: 304 to a browser that holds it, else compressed as the request accepts).
 */
export async function sendCachedPage(
  c: Context,
  cache: PageCache,
  model: object,
  render: () => { toString(): string | Promise<string> },
  headers: Record<string, string>,
): Promise<Response> {
  const page = await cache.page(model, viewerKey(c), () => html(withViewer(c, render())));
  return sendBuiltPage(c, page, headers);
}
