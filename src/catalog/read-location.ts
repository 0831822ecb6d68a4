import { formatPath } from "../shared/yaml-location.js";
import type { DocumentReader } from "./document-reader.js";
import type { SourcePosition } from "./entity.js";

/** One target of a Location entity, where it is written: followed when the catalog is read from files. */
export interface LocationSite {
  /** As written: `./plugins/*\/catalog-info.yaml`, `https://github.com/…/catalog-info.yaml`. */
  target: string;
  /** A URL, or a `spec.type` other than `file`: not followed (incidentkit reads local files only). */
  remote: boolean;
  /** `spec.presence: optional`: a target that matches nothing is not worth a warning. */
  optional: boolean;
  /** `spec.target`, `spec.targets[2]`. */
  field: string;
  position: SourcePosition;
}

/** A target naming a scheme (`https://…`, `url:https://…`) rather than a file. */
const URL_TARGET = /^(?:url:)?[a-z][a-z0-9+.-]*:\/\//i;

/** A Location's `spec.target` and `spec.targets`; each is noted in `sites` for the loader to follow. */
export function readLocationTargets(reader: DocumentReader, sites: LocationSite[]): string[] {
  const type = reader.text(["spec", "type"]);
  const presence = reader.text(["spec", "presence"]);
  if (presence !== undefined && presence !== "optional" && presence !== "required") {
    reader.warn(["spec", "presence"], `"${presence}" is neither required nor optional; read as required`);
  }
  const written: Array<{ target: string; path: ReadonlyArray<string | number> }> = [];
  const single = reader.text(["spec", "target"]);
  if (single !== undefined) written.push({ target: single, path: ["spec", "target"] });
  const targets = reader.value(["spec", "targets"]);
  if (Array.isArray(targets)) {
    targets.forEach((_, index) => {
      const target = reader.text(["spec", "targets", index]);
      if (target !== undefined) written.push({ target, path: ["spec", "targets", index] });
    });
  } else {
    reader.textList(["spec", "targets"]);
  }
  if (written.length === 0) {
    reader.warn(
      ["spec"],
      "a Location with no target: give spec.target or spec.targets (e.g. ./catalog-info.yaml)",
    );
  }
  for (const { target, path } of written) {
    sites.push({
      target,
      remote: (type !== undefined && type !== "file") || URL_TARGET.test(target),
      optional: presence === "optional",
      field: formatPath(path),
      position: reader.at(path),
    });
  }
  return written.map((item) => item.target);
}
