import type { Incident } from "../api/index.js";
import { parseIncidentRef, showArgument } from "./incident-ref.js";
import type { OpsSession } from "./session.js";

/** The incident a reference names (ID, INC-123, 123 or URL), read fresh from incident.io. */
export async function fetchIncident(s: OpsSession, ref: string): Promise<Incident> {
  return s.io.incidents.show(showArgument(parseIncidentRef(ref)));
}

/** The ID of the incident a reference names: as given when it is an ID, else read from incident.io. */
export async function incidentIdOf(s: OpsSession, ref: string): Promise<string> {
  const parsed = parseIncidentRef(ref);
  if ("id" in parsed) return parsed.id;
  return (await s.io.incidents.show(parsed.number)).id;
}
