/**
 * Who may come in once the provider has said who they are: people whose verified email is at an allowed domain
 * (or, at Google, whose Workspace domain `hd` is one), and members of an allowed group. Either is enough.
 */
export interface AllowPolicy {
  /** Lower-case email domains; empty: nobody by domain. */
  domains: readonly string[];
  /** Group names as the groups claim spells them; empty: nobody by group. */
  groups: readonly string[];
  /** The claim listing a person's groups. */
  groupsClaim: string;
}

/** The person the provider signed in, as the hub names them. */
export interface Person {
  email?: string;
  name?: string;
}

export type Verdict = { allowed: true; person: Person } | { allowed: false; person: Person; why: string };

type Claims = Readonly<Record<string, unknown>>;

/** Whether the claims lack what `policy` needs, so the provider's userinfo endpoint must be asked. */
export function needsMoreClaims(claims: Claims, policy: AllowPolicy): boolean {
  return (
    (policy.domains.length > 0 && typeof claims.email !== "string") ||
    (policy.groups.length > 0 && claims[policy.groupsClaim] === undefined)
  );
}

/** Lets the person in or says why not, from their ID token's claims (and userinfo's, when it was asked). */
export function judge(claims: Claims, policy: AllowPolicy): Verdict {
  const person = personOf(claims);
  const email = typeof claims.email === "string" ? claims.email : undefined;
  const verified = emailVerified(claims);
  const domain = email?.includes("@") ? email.slice(email.lastIndexOf("@") + 1).toLowerCase() : undefined;
  const hostedDomain = typeof claims.hd === "string" ? claims.hd.toLowerCase() : undefined;
  if (hostedDomain !== undefined && policy.domains.includes(hostedDomain)) return { allowed: true, person };
  if (domain !== undefined && verified && policy.domains.includes(domain)) return { allowed: true, person };
  const groups = groupsOf(claims[policy.groupsClaim]);
  if (groups.some((group) => policy.groups.includes(group))) return { allowed: true, person };

  const reasons: string[] = [];
  if (policy.domains.length > 0) {
    if (email === undefined) reasons.push("the provider gave no email address");
    else if (!verified) reasons.push(`the provider has not verified ${email}`);
    else reasons.push(`${domain ?? email} is not one of the allowed domains (${policy.domains.join(", ")})`);
  }
  if (policy.groups.length > 0) {
    reasons.push(
      groups.length === 0
        ? `the provider named no groups (claim ${policy.groupsClaim})`
        : `none of your groups is allowed (${policy.groups.join(", ")})`,
    );
  }
  return { allowed: false, person, why: reasons.join("; ") };
}

/**
 * Whether the claims' email is the person's own. When the provider says whether the email is verified, an unverified
 * one proves nothing: anyone can type it.
 */
export function emailVerified(claims: Claims): boolean {
  return (
    claims.email_verified === undefined || claims.email_verified === true || claims.email_verified === "true"
  );
}

/** How the hub names a person: "Ana Lima (ana@example.com)", or whichever of the two it has. */
export function personLabel(person: Person, subject?: string): string {
  if (person.name && person.email && person.name !== person.email) return `${person.name} (${person.email})`;
  return person.email ?? person.name ?? subject ?? "someone the provider did not name";
}

function personOf(claims: Claims): Person {
  const name = [claims.name, claims.preferred_username].find(
    (value) => typeof value === "string" && value !== "",
  );
  return {
    ...(typeof claims.email === "string" ? { email: claims.email } : {}),
    ...(typeof name === "string" ? { name } : {}),
  };
}

/** The groups claim as a list: most providers send an array, a few a single string. */
export function groupsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((group): group is string => typeof group === "string");
  return [];
}
