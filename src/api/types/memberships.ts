import { z } from "zod";
import { User } from "./common.js";

/** `IncidentMembershipV1`: a user let into a private incident. */
export const IncidentMembership = z.looseObject({
  id: z.string(),
  incident_id: z.string(),
  /** `UserV1`, the same shape as the user embedded elsewhere. */
  user: User,
  created_at: z.string(),
  updated_at: z.string(),
});
export type IncidentMembership = z.infer<typeof IncidentMembership>;

export const IncidentMembershipResult = z.looseObject({ incident_membership: IncidentMembership });

/** `IncidentMembershipsCreatePayloadV1` and `IncidentMembershipsRevokePayloadV1`. */
export interface IncidentMembershipPayload {
  incident_id: string;
  user_id: string;
}
