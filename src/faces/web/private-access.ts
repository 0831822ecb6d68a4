/**
 * Who, once signed in, may see private incidents in the web UI (`auth.private_incidents` in hub.yaml): people
 * named by email, and members of the groups named. Nobody else does, whatever the sign-in: not the admin token's
 * sessions (they name nobody), not a hub without sign-in. incident.io shows a private incident to the people let
 * into it; the hub cannot ask it who they are, so it shows its private incidents to the people its config names.
 */
export interface PrivateIncidentsPolicy {
  /** Lower-case email addresses. */
  emails: readonly string[];
  /** Group names as the provider's groups claim, or the proxy's groups header, spells them. */
  groups: readonly string[];
}

/** What the hub knows of a signed-in person, as far as private incidents go. */
export interface Identity {
  email?: string | undefined;
  /** Whether the email is the person's own: an unverified one, anyone could have typed. */
  emailVerified: boolean;
  groups: readonly string[];
}

/** Whether `who` may see private incidents under `policy`; never without a policy. */
export function seesPrivateIncidents(policy: PrivateIncidentsPolicy | undefined, who: Identity): boolean {
  if (policy === undefined) return false;
  const email = who.email?.trim().toLowerCase();
  if (email && who.emailVerified && policy.emails.includes(email)) return true;
  return who.groups.some((group) => policy.groups.includes(group));
}

/**
 * The groups worth remembering in a session: those the policy names. The session cookie stays small however many
 * groups a person is in, and a group later dropped from the policy stops counting at once.
 */
export function groupsThatCount(
  policy: PrivateIncidentsPolicy | undefined,
  groups: readonly string[],
): string[] {
  if (policy === undefined) return [];
  return [...new Set(groups.filter((group) => policy.groups.includes(group)))];
}

/** The groups a proxy names in a header: comma-separated, as oauth2-proxy and Pomerium send them. */
export function headerGroups(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((group) => group.trim())
    .filter((group) => group !== "");
}
