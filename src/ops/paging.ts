import type { Escalation, PageTarget } from "../api/index.js";
import { deriveIdempotencyKey } from "./idempotency.js";
import { incidentIdOf } from "./incident-lookup.js";
import { invalidArgument } from "./invalid-argument.js";
import { serviceOwner, type TeamOnCall, teamNamed } from "./oncall-catalog.js";
import { escalationPathNamed, scheduleNamed } from "./oncall-directory.js";
import type { OpsSession } from "./session.js";
import { type Created, writeOnce } from "./write-once.js";

/** Whom to page: people by name or email, a schedule or path by name, or the on-call of a team or service. */
export type PageWho =
  | { kind: "user"; names: string[] }
  | { kind: "schedule"; name: string }
  | { kind: "path"; name: string }
  | { kind: "team"; name: string }
  | { kind: "service"; name: string };

const KINDS = ["service", "team", "path", "schedule", "user"] as const;

/** The one target given among a face's options, or an error saying to give exactly one. */
export function pageWho(given: {
  service?: string | undefined;
  team?: string | undefined;
  path?: string | undefined;
  schedule?: string | undefined;
  user?: string | readonly string[] | undefined;
}): PageWho {
  const users = (typeof given.user === "string" ? [given.user] : (given.user ?? []))
    .map((name) => name.trim())
    .filter((name) => name !== "");
  const present = KINDS.filter((kind) =>
    kind === "user" ? users.length > 0 : (given[kind]?.trim() ?? "") !== "",
  );
  if (present.length !== 1) {
    throw invalidArgument(
      present.length === 0
        ? "say whom to page"
        : `give one of service, team, path, schedule or user, not ${present.join(" and ")}`,
      "give exactly one: a service (its team's on-call), a team, an escalation path or schedule by name, or users by name or email",
    );
  }
  const kind = present[0] as (typeof KINDS)[number];
  return kind === "user" ? { kind, names: users } : { kind, name: (given[kind] as string).trim() };
}

export interface PageInput {
  who: PageWho;
  title: string;
  description?: string | undefined;
  /** The incident the page is about: ID, INC-123 or URL. */
  incident?: string | undefined;
  idempotencyKey?: string | undefined;
}

/**
 * A page sent: the escalation, whom it went to and how that was found, and whether this call made it ("unknown"
 * only for a key that may not list escalations, so cannot look the page up by its key first).
 */
export interface Paged {
  escalation: Escalation;
  /** What was paged, by name: "escalation path Payments urgent", "Daniel Kim, Amara Nwosu". */
  target: string;
  chain: string[];
  idempotencyKey: string;
  created: Created;
}

/** Statuses in which a page is still under way: the same page asked again then finds it, whatever its age. */
const UNDER_WAY = new Set(["pending", "triggered", "snoozed", "delayed", "pending_repeat"]);

interface Resolved {
  target: PageTarget;
  label: string;
  chain: string[];
}

/** A team is paged through its escalation path, as incident.io does; a team with only a schedule, through that. */
async function teamTarget(s: OpsSession, chain: string[], team: TeamOnCall): Promise<Resolved> {
  if (team.escalationPath) {
    const path = await escalationPathNamed(s, team.escalationPath.id);
    const label = `escalation path ${path.name}`;
    return { target: { escalationPathId: path.id }, label, chain: [...chain, label] };
  }
  if (team.schedule) {
    const schedule = await scheduleNamed(s, team.schedule.id);
    const label = `schedule ${schedule.name}`;
    return { target: { scheduleId: schedule.id }, label, chain: [...chain, label] };
  }
  throw invalidArgument(
    `the team ${team.team.name} names no escalation path or on-call schedule in the catalog`,
    "page an escalation path, a schedule or people by name instead",
  );
}

async function resolve(s: OpsSession, who: PageWho): Promise<Resolved> {
  switch (who.kind) {
    case "user": {
      const users = await Promise.all(who.names.map((name) => s.lookups.user(name)));
      const unique = [...new Map(users.map((user) => [user.id, user])).values()];
      const label = unique.map((user) => user.name).join(", ");
      return { target: { userIds: unique.map((user) => user.id) }, label, chain: [label] };
    }
    case "schedule": {
      const schedule = await scheduleNamed(s, who.name);
      const label = `schedule ${schedule.name}`;
      return { target: { scheduleId: schedule.id }, label, chain: [label] };
    }
    case "path": {
      const path = await escalationPathNamed(s, who.name);
      const label = `escalation path ${path.name}`;
      return { target: { escalationPathId: path.id }, label, chain: [label] };
    }
    case "team": {
      const team = await teamNamed(s, who.name);
      return teamTarget(s, [`team ${team.team.name}`], team);
    }
    case "service": {
      const { service, owner } = await serviceOwner(s, who.name);
      const label =
        service.external_id && service.external_id !== service.name ? service.external_id : service.name;
      return teamTarget(s, [label, `team ${owner.team.name}`], owner);
    }
  }
}

/**
 * Pages. Without `idempotencyKey` one is derived from the account, whom it pages, the title and the incident: the
 * same page asked again while it is under way (or within minutes) finds it instead of paging twice; once it was
 * acknowledged, cancelled or expired, the same page pages again.
 */
export async function page(s: OpsSession, input: PageInput): Promise<Paged> {
  const title = input.title?.trim() ?? "";
  if (title === "") throw invalidArgument("a page needs a title", "give a short title saying what is wrong");
  if (input.idempotencyKey !== undefined && input.idempotencyKey.trim() === "") {
    throw invalidArgument("the idempotency key is empty", "give a non-empty key, or none to derive one");
  }
  const [resolved, incidentId] = await Promise.all([
    resolve(s, input.who),
    input.incident === undefined ? undefined : incidentIdOf(s, input.incident),
  ]);
  const description = input.description?.trim() || undefined;
  const details = {
    title,
    description,
    incidentId,
  };
  const given = input.idempotencyKey?.trim();
  const { result, idempotencyKey, created } = await writeOnce({
    key: given ?? deriveIdempotencyKey(s.alias, "page", { target: resolved.target, ...details }),
    derived: given === undefined,
    clock: s.clock,
    // incident.io lists escalations by idempotency key: a page found is not sent again, nor read as new.
    find: async (key) =>
      (await s.io.escalations.listPage({ idempotency_key: { is: key } }, { pageSize: 1 })).escalations[0],
    write: (key) => s.io.escalations.page(resolved.target, { ...details, idempotencyKey: key }),
    createdAt: (escalation) => escalation.created_at,
    current: (escalation) => UNDER_WAY.has(escalation.status),
    mismatch: (escalation) =>
      escalation.title === title ? undefined : `escalation ${escalation.id} ("${escalation.title}")`,
  });
  return { escalation: result, target: resolved.label, chain: resolved.chain, idempotencyKey, created };
}
