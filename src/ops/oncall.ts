import type { EscalationPath, Schedule } from "../api/index.js";
import { invalidArgument } from "./invalid-argument.js";
import { serviceOwner, type TeamOnCall, teamNamed } from "./oncall-catalog.js";
import { escalationPathNamed, onCallDirectory, scheduleNamed } from "./oncall-directory.js";
import { type Person, type ScheduleOnCall, scheduleOnCall } from "./oncall-shifts.js";
import { momentOrNow } from "./oncall-time.js";
import type { OpsSession } from "./session.js";

export type { LayerOnCall, Person, ScheduleOnCall, Shift } from "./oncall-shifts.js";

/** What an on-call question is about: one of a schedule, a user, a team or a service, by name. */
export type OnCallSubject =
  | { kind: "schedule"; name: string }
  | { kind: "user"; name: string }
  | { kind: "team"; name: string }
  | { kind: "service"; name: string };

const KINDS = ["service", "team", "schedule", "user"] as const;

/** The one subject given among the options a face offers, or an error saying to give exactly one. */
export function onCallSubject(given: { [K in (typeof KINDS)[number]]?: string | undefined }): OnCallSubject {
  const present = KINDS.filter((kind) => given[kind] !== undefined && given[kind]?.trim() !== "");
  if (present.length !== 1) {
    throw invalidArgument(
      present.length === 0
        ? "say whose on-call to look up"
        : `give one of service, team, schedule or user, not ${present.join(" and ")}`,
      "give exactly one: a service (payments-api), a team (Payments), a schedule by name, or a user by name or email",
    );
  }
  const kind = present[0] as OnCallSubject["kind"];
  return { kind, name: (given[kind] as string).trim() };
}

/** The answer to "who is on call": how it was found, each schedule's layers, and everyone on call at `at`. */
export interface OnCallAnswer {
  at: string;
  subject: OnCallSubject;
  /** Each step from what was asked to the answer: "payments-api", "team Payments", "schedule Payments on-call". */
  chain: string[];
  schedules: ScheduleOnCall[];
  /** The escalation path that pages them, when the question led to one. */
  escalationPath?: { id: string; name: string };
  /** People a path's first level pages by name rather than through a schedule. */
  pagedDirectly: Person[];
  /** Everyone on call at `at`, once each, in the order found. */
  onCall: Person[];
}

/** Who is on call at `at` (an ISO date-time, or a duration from now; now when not given) for `subject`. */
export async function whoIsOnCall(s: OpsSession, subject: OnCallSubject, at?: string): Promise<OnCallAnswer> {
  const moment = momentOrNow("at", at, s.clock.now());
  const base = { at: new Date(moment).toISOString(), subject };
  switch (subject.kind) {
    case "schedule": {
      const schedule = await scheduleNamed(s, subject.name);
      return answer(base, [`schedule ${schedule.name}`], [await scheduleOnCall(s, schedule, moment)]);
    }
    case "user":
      return userOnCall(s, base, moment);
    case "team": {
      const team = await teamNamed(s, subject.name);
      return teamAnswer(s, base, [`team ${team.team.name}`], team, moment);
    }
    case "service": {
      const { service, owner } = await serviceOwner(s, subject.name);
      const label =
        service.external_id && service.external_id !== service.name ? service.external_id : service.name;
      return teamAnswer(s, base, [label, `team ${owner.team.name}`], owner, moment);
    }
  }
}

type Base = Pick<OnCallAnswer, "at" | "subject">;

function answer(
  base: Base,
  chain: string[],
  schedules: ScheduleOnCall[],
  extra: { escalationPath?: { id: string; name: string }; pagedDirectly?: Person[] } = {},
): OnCallAnswer {
  const pagedDirectly = extra.pagedDirectly ?? [];
  const people = new Map<string, Person>();
  for (const schedule of schedules) {
    for (const layer of schedule.layers)
      if (layer.now?.person) people.set(layer.now.person.id, layer.now.person);
  }
  for (const person of pagedDirectly) people.set(person.id, person);
  return {
    ...base,
    chain,
    schedules,
    ...(extra.escalationPath ? { escalationPath: extra.escalationPath } : {}),
    pagedDirectly,
    onCall: [...people.values()],
  };
}

/**
 * A team's on-call: its schedule when the catalog names one (with the path that pages it, for the record), else the
 * schedules and people its escalation path's first level pages.
 */
async function teamAnswer(
  s: OpsSession,
  base: Base,
  chain: string[],
  team: TeamOnCall,
  moment: number,
): Promise<OnCallAnswer> {
  const path = team.escalationPath
    ? { id: team.escalationPath.id, name: team.escalationPath.name }
    : undefined;
  if (team.schedule) {
    const schedule = await scheduleNamed(s, team.schedule.id);
    return answer(
      base,
      [...chain, `schedule ${schedule.name}`],
      [await scheduleOnCall(s, schedule, moment)],
      {
        ...(path ? { escalationPath: path } : {}),
      },
    );
  }
  if (!path) {
    throw invalidArgument(
      `the team ${team.team.name} names no on-call schedule or escalation path in the catalog`,
      "set its schedule or escalation path attribute in the catalog, or ask by schedule name (list_schedules)",
    );
  }
  const escalationPath = await escalationPathNamed(s, path.id);
  const first = firstLevel(escalationPath);
  const schedules = await Promise.all(
    first.scheduleIds.map(async (id) => scheduleOnCall(s, await scheduleNamed(s, id), moment)),
  );
  const users = await s.lookups.users();
  const pagedDirectly = first.userIds.flatMap((id) => {
    const user = users.find((candidate) => candidate.id === id);
    return user ? [{ id: user.id, name: user.name, ...(user.email ? { email: user.email } : {}) }] : [];
  });
  return answer(
    base,
    [
      ...chain,
      `escalation path ${escalationPath.name}`,
      ...schedules.map((schedule) => `schedule ${schedule.name}`),
    ],
    schedules,
    { escalationPath: { id: escalationPath.id, name: escalationPath.name }, pagedDirectly },
  );
}

/** The schedules and users the path pages first. */
function firstLevel(path: EscalationPath): { scheduleIds: string[]; userIds: string[] } {
  const level = path.path.find((node) => node.type === "level")?.level;
  const targets = level?.targets ?? [];
  return {
    scheduleIds: targets.filter((t) => t.type === "schedule").map((t) => t.id),
    userIds: targets.filter((t) => t.type === "user").map((t) => t.id),
  };
}

/**
 * The schedules a user is on at `at` or next: those with the user in a rotation, and those the user is on call on
 * now (an override can put someone on a schedule whose rotations do not name them). Each keeps only the user's layers.
 */
async function userOnCall(s: OpsSession, base: Base, moment: number): Promise<OnCallAnswer> {
  const user = await s.lookups.user(base.subject.name);
  const schedules = await onCallDirectory(s).schedules();
  const theirs = schedules.filter((schedule) => involves(schedule, user.id));
  const found = await Promise.all(theirs.map((schedule) => scheduleOnCall(s, schedule, moment)));
  const mine = found
    .map((schedule) => ({
      ...schedule,
      layers: schedule.layers.filter(
        (layer) => layer.now?.person?.id === user.id || layer.next?.person?.id === user.id,
      ),
    }))
    .filter((schedule) => schedule.layers.length > 0);
  const result = answer(
    base,
    [`user ${user.name}`, ...mine.map((schedule) => `schedule ${schedule.name}`)],
    mine,
  );
  return { ...result, onCall: result.onCall.filter((person) => person.id === user.id) };
}

function involves(schedule: Schedule, userId: string): boolean {
  const inRotation = (schedule.config?.rotations ?? []).some((rotation) =>
    rotation.users.some((user) => user.id === userId),
  );
  return inRotation || (schedule.current_shifts ?? []).some((shift) => shift.user?.id === userId);
}
