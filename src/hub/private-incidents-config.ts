import { z } from "zod";

/**
 * `auth.private_incidents` in hub.yaml: who of those signed in may see private incidents in the web UI, by email
 * (`emails`) or group (`groups`: the groups claim for oidc, the proxy's `groups_header` for proxy). Without it,
 * nobody does: the hub shows public incidents only.
 */
export const PrivateIncidentsSchema = z
  .strictObject(
    {
      emails: z
        .array(z.email({ error: "must be an email address, e.g. ana@example.com" }).trim().toLowerCase(), {
          error: "must list email addresses, e.g. [ana@example.com]",
        })
        .optional(),
      groups: z
        .array(z.string().trim().min(1, "must not be blank: name a group, e.g. security"), {
          error: "must list group names, e.g. [security]",
        })
        .optional(),
    },
    {
      error:
        "must say who may see private incidents: { emails: [ana@example.com], groups: [security] } (either or both)",
    },
  )
  .refine(
    (section) => (section.emails?.length ?? 0) + (section.groups?.length ?? 0) > 0,
    "must name someone: emails: [ana@example.com], groups: [security], or both (leave the setting out to show private incidents to nobody)",
  );

/** What `private_incidents` says, checked: lower-case emails and group names, either list possibly empty. */
export interface PrivateIncidentsAccess {
  emails: string[];
  groups: string[];
}

export function privateIncidentsFrom(section: z.output<typeof PrivateIncidentsSchema> | undefined): {
  privateIncidents?: PrivateIncidentsAccess;
} {
  if (section === undefined) return {};
  return { privateIncidents: { emails: section.emails ?? [], groups: section.groups ?? [] } };
}

/** For the sign-ins that name nobody (`token`, `none`): the setting is refused, with why. */
export const NO_PRIVATE_INCIDENTS = z
  .never({
    error:
      "private_incidents needs a sign-in that knows who people are: auth: { mode: oidc } or { mode: proxy } (token sign-in and no sign-in name nobody); or remove it",
  })
  .optional();
