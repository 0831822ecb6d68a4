import type { Child } from "hono/jsx";
import { absoluteTime, queryString, relativeTime, safeHref } from "./format.js";
import type { Page } from "./model.js";
import { SignedInAs } from "./viewer.js";

export type Section = "services" | "incidents" | "analytics" | "alerts" | "changes" | "sync" | "catalog";

/** The main navigation: every section's page. */
export const NAV: Array<[Section, string, string]> = [
  ["services", "Services", "/"],
  ["incidents", "Incidents", "/incidents"],
  ["analytics", "Analytics", "/analytics"],
  ["alerts", "Alerts", "/alerts"],
  ["changes", "Changes", "/changes"],
  ["sync", "Sync", "/sync"],
  ["catalog", "Catalog", "/catalog"],
];

/** A message shown at the top of a page after a redirect. */
export interface Flash {
  text: string;
  link?: { label: string; url: string | null };
}

/** Every page: the nav, the page's title as its heading, an optional flash, the content. */
export function Layout(props: {
  title: string;
  section: Section | null;
  flash?: Flash | null;
  children?: Child;
}) {
  const flashHref = safeHref(props.flash?.link?.url);
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${props.title} · incidentkit`}</title>
        <link rel="stylesheet" href="/assets/style.css" />
        <script src="/assets/app.js" defer />
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">
            incidentkit
          </a>
          <nav aria-label="Main">
            <ul>
              {NAV.map(([section, label, href]) => (
                <li>
                  <a href={href} aria-current={props.section === section ? "page" : undefined}>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <SignedInAs />
        </header>
        <main>
          {props.flash ? (
            <p class="flash" role="status">
              {props.flash.text}
              {props.flash.link ? " " : null}
              {props.flash.link && flashHref ? <a href={flashHref}>{props.flash.link.label}</a> : null}
              {props.flash.link && !flashHref ? props.flash.link.label : null}
            </p>
          ) : null}
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A time as "3h ago", with the absolute time as its title and `datetime`. */
export function When(props: { at: string | null; now: number }) {
  if (!props.at) return <span class="muted">–</span>;
  return (
    <time datetime={props.at} title={absoluteTime(props.at)}>
      {relativeTime(props.at, props.now)}
    </time>
  );
}

/** What an empty list means and what to do about it. */
export function Empty(props: { children?: Child }) {
  return <p class="empty">{props.children}</p>;
}

/** A link, or plain text when the address is not safe to link to. */
export function MaybeLink(props: { url: string | null | undefined; children?: Child; class?: string }) {
  const href = safeHref(props.url);
  return href ? (
    <a href={href} class={props.class}>
      {props.children}
    </a>
  ) : (
    <span class={props.class}>{props.children}</span>
  );
}

/** "Showing 26–50 of 120" with previous and next links that keep the other query parameters. */
export function Pager(props: {
  page: Page<unknown>;
  path: string;
  param: string;
  query: Record<string, string | undefined>;
}) {
  const { page, pageSize, total } = props.page;
  if (total === 0) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const href = (to: number) =>
    `${props.path}${queryString({ ...props.query, [props.param]: to === 1 ? undefined : to })}`;
  return (
    <nav class="pager" aria-label="Pages">
      <span>
        Showing {first}–{last} of {total}
      </span>
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          ← Newer
        </a>
      ) : null}
      {last < total ? (
        <a href={href(page + 1)} rel="next">
          Older →
        </a>
      ) : null}
    </nav>
  );
}

/** The whole document for a page element. */
export async function html(page: { toString(): string | Promise<string> }): Promise<string> {
  return `<!DOCTYPE html>${await page.toString()}`;
}
