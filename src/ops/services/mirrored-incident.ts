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
  return named([...directory.incidents()], ref);
}

function named(incidents: readonly MirroredIncident[], ref: string): MirroredIncident | undefined {
  const text = ref.trim();
  for (const incident of incidents) if (incident.id === text) return incident;
  const parsed = parseIncidentRef(text);
  let found: MirroredIncident | undefined;
  for (const incident of incidents) {
    const matches =
      "id" in parsed
        ? incident.id === parsed.id
        : incident.reference.toUpperCase() === `INC-${parsed.number}`;
    if (matches && (found === undefined || incident.createdAt > found.createdAt)) found = incident;
  }
  return found;
}

/**
 * `findMirroredIncident`, with an error saying what to do when the mirror lacks it: `forbidden` for a private
 * incident (the hub shows none), else `not_found`.
 */
export async function requireMirroredIncident(
  directory: Pick<ServiceDirectory, "current" | "incidents" | "privateIncidents">,
  ref: string,
): Promise<MirroredIncident> {
  const found = await findMirroredIncident(directory, ref);
  if (found) return found;
  if (named([...directory.privateIncidents()], ref)) {
    throw new IncidentKitError({
      code: "forbidden",
      message: `incident ${ref.trim()} is private: the hub keeps private incidents out of everything it shows`,
      hint: "read it in incident.io, or through the API with a key allowed to see private incidents (incidentkit incidents show)",
    });
  }
  throw new IncidentKitError({
    code: "not_found",
    message: `incident ${ref.trim()} is not in the hub's mirror`,
    hint: "check the reference; an incident declared moments ago shows after the next sync (incidentkit sync run)",
  });
}
