import { z } from "zod";
import { openEnum } from "./open-enum.js";

const RbacRole = z.looseObject({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string().optional(),
});

const Seat = openEnum(["full_access", "viewer_only", "none"]);

/** `UserWithRolesV2`: a user from the Users API. */
export const UserWithRoles = z.looseObject({
  id: z.string(),
  name: z.string(),
  /** Deprecated by incident.io: use `base_role`. */
  role: openEnum(["viewer", "responder", "administrator", "owner", "unset"]),
  is_active: z.boolean(),
  base_role: RbacRole,
  custom_roles: z.array(RbacRole),
  seats: z.looseObject({ on_call: Seat, response: Seat }),
  email: z.string().optional(),
  slack_user_id: z.string().optional(),
});
export type UserWithRoles = z.infer<typeof UserWithRoles>;
