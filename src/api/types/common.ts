import { z } from "zod";
import { openEnum } from "./open-enum.js";

/** `UserV2`: a user as embedded in other objects. `role` is deprecated by incident.io and no longer updated. */
export const User = z.looseObject({
  id: z.string(),
  name: z.string(),
  role: openEnum(["viewer", "responder", "administrator", "owner", "unset"]),
  email: z.string().optional(),
  slack_user_id: z.string().optional(),
});
export type User = z.infer<typeof User>;

/** `ActorV2`: who did something. At most one of these is set; none is required. */
export const Actor = z.looseObject({
  alert: z.looseObject({ id: z.string(), title: z.string() }).optional(),
  api_key: z.looseObject({ id: z.string(), name: z.string() }).optional(),
  user: User.optional(),
  workflow: z.looseObject({ id: z.string(), name: z.string() }).optional(),
});
export type Actor = z.infer<typeof Actor>;

/** `PaginationMetaResult(WithTotal)V*`: pass `after` back to get the next page; absent on the last page. */
export const PaginationMeta = z.looseObject({
  after: z.string().optional(),
  page_size: z.number(),
  total_record_count: z.number().optional(),
});
export type PaginationMeta = z.infer<typeof PaginationMeta>;
