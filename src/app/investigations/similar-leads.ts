import type { RankOptions, SimilarResults } from "../../investigate/similar/index.js";
import type { MirroredIncident } from "../../mirror/index.js";
import type { ServiceDirectory } from "../directory.js";

/** How many similar incidents an investigation lists, and the incident page shows. */
export const SIMILAR_LIMIT = 5;
/**
 * Similar incidents listed as leads, with their reasons: lower than the ranking's default (0.5), so a short alert
 * title sharing the service and severity of past incidents still finds them (about 0.4 on the demo). Only those
 * at 0.5 or more count as a recurrence among the probable causes.
 */
export const SIMILAR_THRESHOLD = 0.35;

/** The ranking's options for an incident's leads: test incidents are compared with test incidents only. */
export function similarLeadOptions(incident: MirroredIncident): RankOptions {
  return {
    limit: SIMILAR_LIMIT,
    similarityThreshold: SIMILAR_THRESHOLD,
    includeTest: incident.mode === "test",
  };
}

/**
 * The similar past incidents of an incident, as its investigation lists them and its page shows them beside the
 * findings: one list, one threshold, so the page never says "none" where the findings name five.
 */
export function similarLeads(
  directory: ServiceDirectory,
  incident: MirroredIncident,
): Promise<SimilarResults> {
  return directory.findSimilar({ incident }, similarLeadOptions(incident));
}
