import { IncidentKitError } from "../../api/index.js";
import type { MirroredIncident } from "../../mirror/index.js";
import { parseIncidentRef } from "../incident-ref.js";
import type { ServiceDirectory } from "./directory.js";

/**
 * The mirrored incident a person names: its ID, its reference ("INC-123"), its number ("123") or its incident.io
 * link. Undefined when the mirror has no such incident; a malformed reference is an `invalid_argument`.
 * References are unique per account; when several accounts have the same number, the newest incident wins.
 */
export async function findMirroredIncident(
  directory: Pick<ServiceDirectory, "current" | "incidents">,
  ref: string,
): Promise<MirroredIncident | undefined> {
  await directory.current();
  const text = ref.trim();
  for (const incident of directory.incidents()) if (incident.id === text) return incident;
  const parsed = parseIncidentRef(text);
  let found: MirroredIncident | undefined;
  for (const incident of directory.incidents()) {
    const matches =
      "id" in parsed
        ? incident.id === parsed.id
        : incident.reference.toUpperCase() === `INC-${parsed.number}`;
    if (matches && (found === undefined || incident.createdAt > found.createdAt)) found = incident;
  }
  return found;
}

/** `findMirroredIncident`, with a `not_found` error saying what to do when the mirror lacks it. */
export async function requireMirroredIncident(
  directory: Pick<ServiceDirectory, "current" | "incidents">,
  ref: string,
): Promise<MirroredIncident> {
  const found = await findMirroredIncident(directory, ref);
  if (found) return found;
  throw new IncidentKitError({
    code: "not_found",
    message: `incident ${ref.trim()} is not in the hub's mirror`,
    hint: "check the reference; an incident declared moments ago shows after the next sync (incidentkit sync run)",
  });
}
