import { dirname, join, relative } from "node:path";
import { canonicalPath } from "./files.js";
import type { CatalogProblem } from "./problem.js";
import type { LocationSite } from "./read-location.js";

/** A catalog file: the name problems are reported under, and where it is (the path it was reached by). */
export interface CatalogSource {
  name: string;
  absolute: string;
}

/** A Location target leading from one file to another, each by its canonical path. */
interface LocationEdge {
  from: string;
  to: string;
  site: LocationSite;
}

/**
 * Follows Location entities' targets from file to file, reading each file once. `read` parses one file and returns
 * its Location targets; `expand` gives the files a target names. Targets that are URLs, or match no file, are
 * warned about; a Location that leads back to its own file through others is warned about once per loop, since
 * Backstage would read such a catalog over and over. Returns the files read, in reading order.
 */
export function followLocations(
  start: readonly CatalogSource[],
  read: (source: CatalogSource) => readonly LocationSite[],
  expand: (fromDir: string, target: string) => string[],
  problems: CatalogProblem[],
): CatalogSource[] {
  const done = new Map<string, CatalogSource>();
  const edges: LocationEdge[] = [];
  const queue = [...start];
  for (let source = queue.shift(); source !== undefined; source = queue.shift()) {
    const key = canonicalPath(source.absolute);
    if (done.has(key)) continue;
    done.set(key, source);
    for (const site of read(source)) {
      if (site.remote) {
        warn(
          problems,
          site,
          `"${site.target}" is not a local file, so it is not followed: incidentkit reads the files of one folder; copy that catalog in, or point catalog.dir at a clone of it`,
        );
        continue;
      }
      const found = expand(dirname(source.absolute), site.target);
      if (found.length === 0 && !site.optional) {
        warn(
          problems,
          site,
          `"${site.target}" matches no file (looked in ${dirname(source.name)}); correct the path, or set spec.presence: optional`,
        );
      }
      const glob = /[*?[{]/.test(site.target);
      for (const absolute of found) {
        // A glob such as ./**/catalog-info.yaml matches the Location's own file: that is no loop.
        const target = canonicalPath(absolute);
        if (glob && target === key) continue;
        edges.push({ from: key, to: target, site });
        queue.push({
          name: join(dirname(source.name), relative(dirname(source.absolute), absolute)),
          absolute,
        });
      }
    }
  }
  warnCycles(edges, done, problems);
  return [...done.values()];
}

/** Every loop of Location targets, found depth-first, warned about at the target that closes it. */
function warnCycles(
  edges: readonly LocationEdge[],
  files: ReadonlyMap<string, CatalogSource>,
  problems: CatalogProblem[],
): void {
  const out = new Map<string, LocationEdge[]>();
  for (const edge of edges) out.set(edge.from, [...(out.get(edge.from) ?? []), edge]);
  const state = new Map<string, "open" | "closed">();
  const path: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "open");
    path.push(file);
    for (const edge of out.get(file) ?? []) {
      const seen = state.get(edge.to);
      if (seen === "open") {
        const loop = [...path.slice(path.indexOf(edge.to)), edge.to].map(
          (step) => files.get(step)?.name ?? step,
        );
        warn(
          problems,
          edge.site,
          `this Location leads back to where it started (${loop.join(" → ")}); each file is read once, and Backstage would loop`,
        );
      } else if (seen === undefined) visit(edge.to);
    }
    path.pop();
    state.set(file, "closed");
  };
  for (const file of files.keys()) if (!state.has(file)) visit(file);
}

function warn(problems: CatalogProblem[], site: LocationSite, message: string): void {
  problems.push({ severity: "warning", ...site.position, field: site.field, message });
}
