/**
 * Matching concrete request paths (`/v2/incidents/01ABC?x=1`) to the description's path templates
 * (`/v2/incidents/{id}`).
 */

export interface PathTemplate {
  template: string;
  segments: string[];
}

export interface PathMatch {
  template: string;
  params: Record<string, string>;
}

const isParam = (segment: string): boolean => segment.startsWith("{") && segment.endsWith("}");

export function parseTemplate(template: string): PathTemplate {
  return { template, segments: template.split("/").slice(1) };
}

/** The path without query or fragment, split into decoded segments. */
export function concreteSegments(path: string): string[] {
  const bare = path.replace(/[?#].*$/, "");
  return bare
    .split("/")
    .slice(1)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

function matches(template: PathTemplate, segments: string[]): boolean {
  if (template.segments.length !== segments.length) return false;
  return template.segments.every((t, i) => isParam(t) || t === segments[i]);
}

/**
 * When several templates match, the one with a literal segment where the others have a parameter wins,
 * earliest difference first: `/v2/incidents/{id}/actions/edit` beats a hypothetical `/v2/incidents/{id}/{x}/edit`,
 * and `/v1/api_keys/actions/x` would beat `/v1/api_keys/{id}/x`.
 */
function moreSpecific(a: PathTemplate, b: PathTemplate): boolean {
  for (let i = 0; i < a.segments.length; i++) {
    const aParam = isParam(a.segments[i] ?? "");
    const bParam = isParam(b.segments[i] ?? "");
    if (aParam !== bParam) return !aParam;
  }
  return false;
}

export function matchPath(templates: readonly PathTemplate[], path: string): PathMatch | undefined {
  const segments = concreteSegments(path);
  let best: PathTemplate | undefined;
  for (const candidate of templates) {
    if (!matches(candidate, segments)) continue;
    if (!best || moreSpecific(candidate, best)) best = candidate;
  }
  if (!best) return undefined;
  const params: Record<string, string> = {};
  best.segments.forEach((t, i) => {
    if (isParam(t)) params[t.slice(1, -1)] = segments[i] ?? "";
  });
  return { template: best.template, params };
}
