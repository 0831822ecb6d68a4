import { isHttpUrl } from "../shared/http-url.js";
import {
  OPSGENIE_TEAM_ANNOTATION,
  PAGERDUTY_SERVICE_ANNOTATION,
  PROJECT_SLUG_ANNOTATION,
  projectSlug,
  SOURCE_LOCATION_ANNOTATION,
  TECHDOCS_REF_ANNOTATION,
} from "./annotations.js";

/** One well-known annotation as a person reads it: a link when its value says where to go, else its value. */
export interface AnnotationLink {
  /** `Source`, `GitHub`, `Docs`, `PagerDuty service`, `Opsgenie team`. */
  label: string;
  /** What to show: the value, or the address linked to. Free of control characters, at most 200 characters. */
  text: string;
  /** An http(s) address, without credentials; absent when the value names something with no address. */
  url?: string;
  /** The annotation it was read from. */
  annotation: string;
}

const MAX_TEXT = 200;

/**
 * The annotations people put on entities to say where things are, in this order: the source
 * (`backstage.io/source-location`), the GitHub repository (`github.com/project-slug`), the docs
 * (`backstage.io/techdocs-ref`), the PagerDuty service (`pagerduty.com/service-id`) and the Opsgenie team
 * (`opsgenie.com/team`). Values are location references as Backstage writes them (`url:https://…`, `dir:.`):
 *
 * - `url:` with an http(s) address is a link; a `dir:` path is one only relative to a source location that is a
 *   folder (ends in `/`), as Backstage resolves it, and otherwise its value is shown as it is;
 * - a project slug links to github.com, or to the GitHub Enterprise host of a source location in that repository;
 * - PagerDuty's and Opsgenie's addresses need the account's subdomain or the team's ID, which annotations do not
 *   carry, so those are shown as text.
 *
 * `pagerduty.com/integration-key` is never shown: it lets anyone who has it page the service's on-call.
 */
export function annotationLinks(annotations: Readonly<Record<string, string>>): AnnotationLink[] {
  const links: AnnotationLink[] = [];
  const source = locationOf(annotations[SOURCE_LOCATION_ANNOTATION]);
  if (source !== undefined) {
    links.push(item("Source", SOURCE_LOCATION_ANNOTATION, source.url ?? source.value, source.url));
  }
  const slug = projectSlug(annotations);
  if (slug !== undefined) {
    links.push(item("GitHub", PROJECT_SLUG_ANNOTATION, slug, repositoryUrl(slug, source?.url)));
  }
  const docs = locationOf(annotations[TECHDOCS_REF_ANNOTATION], source?.url);
  if (docs !== undefined) {
    links.push(item("Docs", TECHDOCS_REF_ANNOTATION, docs.url ?? docs.value, docs.url));
  }
  for (const [label, annotation] of [
    ["PagerDuty service", PAGERDUTY_SERVICE_ANNOTATION],
    ["Opsgenie team", OPSGENIE_TEAM_ANNOTATION],
  ] as const) {
    const value = annotations[annotation]?.trim();
    if (value) links.push(item(label, annotation, value, undefined));
  }
  return links;
}

function item(label: string, annotation: string, text: string, url: string | undefined): AnnotationLink {
  return { label, text: printable(text), ...(url !== undefined ? { url } : {}), annotation };
}

/**
 * A location reference (`<type>:<target>`, the target may hold colons): an http(s) `url:` target, or a relative
 * `dir:`/`url:` target (or a bare relative path, which TechDocs reads as `dir:`) resolved against `base` when that
 * is a folder. A bare http(s) address is taken as a `url:` one, as people write it.
 */
function locationOf(raw: string | undefined, base?: string): { value: string; url?: string } | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  const typed = /^(url|dir):(.*)$/s.exec(value);
  const target = typed ? (typed[2] ?? "").trim() : value;
  const absolute = httpUrl(target);
  if (absolute !== undefined) return { value, url: absolute };
  const relative = typed !== null || !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value);
  if (relative && base?.endsWith("/") && target !== "" && !target.startsWith("/")) {
    const resolved = httpUrl(new URL(target, base).href);
    if (resolved !== undefined) return { value, url: resolved };
  }
  return { value };
}

/** The repository on github.com, or on the host of a source location that is in that very repository. */
function repositoryUrl(slug: string, source: string | undefined): string {
  if (source !== undefined) {
    const url = new URL(source);
    const path = url.pathname.toLowerCase();
    const prefix = `/${slug.toLowerCase()}`;
    if (path === prefix || path.startsWith(`${prefix}/`)) return `${url.origin}/${slug}`;
  }
  return `https://github.com/${slug}`;
}

/** The address when it is http(s), with any user name and password taken out; else undefined. */
function httpUrl(text: string): string | undefined {
  if (!isHttpUrl(text)) return undefined;
  const url = new URL(text);
  url.username = "";
  url.password = "";
  return url.href;
}

/** Control characters (a terminal's escape sequences among them) as spaces, and at most 200 characters. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
  return clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT - 1)}…` : clean;
}
