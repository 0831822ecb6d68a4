import { BACKSTAGE_KINDS, type BackstageKind } from "./entity.js";

/**
 * Placeholders of a software template's skeleton (`${{ values.name }}`, and the cookiecutter and Nunjucks forms of
 * older templates): filled in when the template runs, so the file is not an entity yet.
 */
const SKELETON_MARKERS = /\$\{\{|\{\{\s*cookiecutter\.|\{%-?\s/;

/** An `apiVersion` of Backstage's: `backstage.io/v1alpha1`, `scaffolder.backstage.io/v1beta3`. */
const BACKSTAGE_API_VERSION = /^(?:[a-z0-9-]+\.)*backstage\.io\/[a-z0-9]+$/i;

/** Text that reads as a Backstage document even when it is not valid YAML: a top-level Backstage apiVersion or kind. */
const BACKSTAGE_TEXT = new RegExp(
  String.raw`^(?:apiVersion:\s*["']?(?:[a-z0-9-]+\.)*backstage\.io/|kind:\s*["']?(?:${BACKSTAGE_KINDS.join("|")})["']?\s*(?:#.*)?$)`,
  "im",
);

export function isBackstageApiVersion(value: unknown): boolean {
  return typeof value === "string" && BACKSTAGE_API_VERSION.test(value.trim());
}

/** Another API group's version (`apps/v1`, `template.openshift.io/v1`): the document is someone else's. */
export function isForeignApiVersion(value: unknown): boolean {
  return typeof value === "string" && /^[^/]*\.[^/]*\//.test(value.trim()) && !isBackstageApiVersion(value);
}

/** The Backstage kind `value` names, in Backstage's spelling (kinds are compared without regard to case). */
export function backstageKind(value: unknown): BackstageKind | undefined {
  if (typeof value !== "string") return undefined;
  const wanted = value.trim().toLowerCase();
  return BACKSTAGE_KINDS.find((kind) => kind.toLowerCase() === wanted);
}

export function isTemplateSkeleton(source: string): boolean {
  return SKELETON_MARKERS.test(source);
}

/** For a document that is not valid YAML: whether it was meant as a Backstage entity (then it is an error). */
export function looksLikeBackstage(source: string): boolean {
  return BACKSTAGE_TEXT.test(source);
}
