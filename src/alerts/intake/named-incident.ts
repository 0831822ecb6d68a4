import { isHttpUrl } from "../../shared/http-url.js";
import { MAX_TEXT } from "./fields.js";

/** What an alert may carry to name an incident.io incident it belongs to (as OpenSRE-style senders do). */
const ID_KEY = "incident_io_incident_id";
const URL_KEY = "incident_io_url";

export interface NamedIncident {
  incidentIoIncidentId?: string;
  incidentIoUrl?: string;
}

/** Whether a link is on incident.io's own host (`app.incident.io`…), so it names an incident there. */
export function isIncidentIoUrl(value: string): boolean {
  if (!isHttpUrl(value)) return false;
  const host = new URL(value).hostname.toLowerCase();
  return host === "incident.io" || host.endsWith(".incident.io");
}

/**
 * The incident the alert names in its labels or annotations (`incident_io_incident_id`, or an `incident_io_url`
 * on an incident.io host); the first map that names one wins. A blank or overlong ID and a link elsewhere are
 * ignored: the alert then goes through the rules like any other.
 */
export function namedIncident(...maps: ReadonlyArray<Record<string, string>>): NamedIncident {
  for (const map of maps) {
    const id = Object.hasOwn(map, ID_KEY) ? map[ID_KEY]?.trim() : undefined;
    if (id && id.length <= MAX_TEXT) return { incidentIoIncidentId: id };
    const url = Object.hasOwn(map, URL_KEY) ? map[URL_KEY]?.trim() : undefined;
    if (url && isIncidentIoUrl(url)) return { incidentIoUrl: url };
  }
  return {};
}
