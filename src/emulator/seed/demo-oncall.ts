import type { UserRecord } from "../model.js";
import type {
  EscalationNodeRecord,
  EscalationPathRecord,
  ScheduleOverrideRecord,
  ScheduleRecord,
  ScheduleRotationRecord,
} from "../model-oncall.js";
import { scheduledShifts } from "../schedule-shifts.js";
import { DAY_MS, fromLocal, HOUR_MS, toLocal, weekdayIndex } from "../zoned-time.js";
import { DEMO_TEAMS, type TeamName } from "./organisation.js";
import { Random } from "./random.js";

/**
 * Acme Cloud's on-call, as a team on incident.io sets it up: each team has a schedule and an escalation path that
 * pages it, then its manager, then the team's schedule again. Payments runs a primary and a secondary at once (two
 * layers) and a business-hours rotation for its support desk; one of its engineers is covering a colleague's shift
 * right now (an override). Everything counts from weekly handovers that started when the organisation was set up,
 * so who is on call changes with the time asked about.
 */

interface TeamOnCall {
  timezone: string;
  /** Monday-based weekly handover at this local hour; `daily` hands over every day at it instead. */
  handoverHour: number;
  daily?: boolean;
  /** Primary (and, when given, secondary) rotation members, in order. */
  people: string[];
  /** Two layers: a primary and a secondary on call at once. */
  secondary?: boolean;
  /** A business-hours rotation alongside, for this support desk. */
  businessHours?: string[];
  /** Who the path pages when the schedule does not answer. */
  manager: string;
}

export const DEMO_ON_CALL: Readonly<Record<TeamName, TeamOnCall>> = {
  Payments: {
    timezone: "Europe/London",
    handoverHour: 9,
    people: ["Daniel Kim", "Amara Nwosu", "Tomás Herrera", "Hannah Becker"],
    secondary: true,
    businessHours: ["Hannah Becker", "Daniel Kim"],
    manager: "Marcus Okafor",
  },
  Storefront: {
    timezone: "America/New_York",
    handoverHour: 10,
    people: ["Yuki Tanaka", "Oliver Grant", "Fatima Zahra"],
    manager: "Sofia Lindqvist",
  },
  Identity: {
    timezone: "Europe/London",
    handoverHour: 9,
    people: ["Liam O'Connor", "Chloé Martin", "Ravi Shah"],
    manager: "Marcus Okafor",
  },
  Discovery: {
    timezone: "Europe/Berlin",
    handoverHour: 9,
    daily: true,
    people: ["Emily Clarke", "Jonas Weber", "Yuki Tanaka"],
    manager: "Sofia Lindqvist",
  },
  Fulfilment: {
    timezone: "America/New_York",
    handoverHour: 9,
    people: ["Grace Mensah", "Oliver Grant", "Fatima Zahra"],
    manager: "Sofia Lindqvist",
  },
  Platform: {
    timezone: "Europe/London",
    handoverHour: 9,
    people: ["Marcus Okafor", "Jonas Weber", "Grace Mensah", "Sofia Lindqvist"],
    secondary: true,
    manager: "Priya Raman",
  },
  Data: {
    timezone: "Europe/Berlin",
    handoverHour: 9,
    people: ["Ravi Shah", "Emily Clarke"],
    manager: "Marcus Okafor",
  },
};

export interface DemoOnCall {
  schedules: ScheduleRecord[];
  schedule_overrides: ScheduleOverrideRecord[];
  escalation_paths: EscalationPathRecord[];
  /** Per team: its schedule and escalation path, for the catalog's Team entries. */
  byTeam: Map<TeamName, { scheduleId: string; escalationPathId: string }>;
}

/**
 * The on-call set-up, created at `setUpAtMs`; the override runs across `nowMs`. IDs come from a generator of
 * their own, so adding on-call left every other seeded ID as it was.
 */
export function demoOnCall(
  users: readonly UserRecord[],
  teamEntryId: Readonly<Record<TeamName, string>>,
  seed: number,
  setUpAtMs: number,
  nowMs: number,
): DemoOnCall {
  const rng = new Random(seed ^ 0x0ca1_1ed5);
  const id = () => rng.id(setUpAtMs);
  const at = new Date(setUpAtMs).toISOString();
  const userId = (name: string) => {
    const user = users.find((u) => u.name === name);
    if (!user) throw new Error(`the demo organisation has no user "${name}"`);
    return user.id;
  };
  const schedules: ScheduleRecord[] = [];
  const paths: EscalationPathRecord[] = [];
  const byTeam = new Map<TeamName, { scheduleId: string; escalationPathId: string }>();
  for (const team of DEMO_TEAMS) {
    const config = DEMO_ON_CALL[team];
    const start = firstHandover(setUpAtMs, config.timezone, config.handoverHour);
    const primary: ScheduleRotationRecord = {
      id: id(),
      name: "Primary",
      handover_start_at: new Date(start).toISOString(),
      handovers: [{ interval_type: config.daily ? "daily" : "weekly", interval: 1 }],
      layers: config.secondary
        ? [
            { id: id(), name: "Primary" },
            { id: id(), name: "Secondary" },
          ]
        : [{ id: id(), name: "Primary" }],
      user_ids: config.people.map(userId),
      working_intervals: [],
    };
    const rotations = [primary];
    if (config.businessHours) {
      rotations.push({
        id: id(),
        name: "Support desk",
        handover_start_at: new Date(start).toISOString(),
        handovers: [{ interval_type: "daily", interval: 1 }],
        layers: [{ id: id(), name: "Support" }],
        user_ids: config.businessHours.map(userId),
        working_intervals: (["monday", "tuesday", "wednesday", "thursday", "friday"] as const).map(
          (weekday) => ({
            weekday,
            start_time: "09:00",
            end_time: "17:30",
          }),
        ),
      });
    }
    const schedule: ScheduleRecord = {
      id: id(),
      name: `${team} on-call`,
      timezone: config.timezone,
      team_ids: [teamEntryId[team]],
      annotations: {},
      rotations,
      created_at: at,
      updated_at: at,
    };
    schedules.push(schedule);
    const path: EscalationPathRecord = {
      id: id(),
      name: `${team} urgent`,
      path: escalationNodes(schedule.id, userId(config.manager)),
      team_ids: [teamEntryId[team]],
      created_at: at,
      updated_at: at,
    };
    paths.push(path);
    byTeam.set(team, { scheduleId: schedule.id, escalationPathId: path.id });
  }
  return {
    schedules,
    schedule_overrides: [
      coverForAColleague(schedules[0] as ScheduleRecord, DEMO_ON_CALL.Payments.people.map(userId), nowMs, id),
    ],
    escalation_paths: paths,
    byTeam,
  };
}

/** Page whoever is on call, then the manager, then the schedule again, twice over. */
function escalationNodes(scheduleId: string, managerId: string): EscalationNodeRecord[] {
  return [
    {
      id: "on-call",
      type: "level",
      level: {
        targets: [{ type: "schedule", id: scheduleId, urgency: "high", schedule_mode: "currently_on_call" }],
        ack_mode: "first",
        time_to_ack_seconds: 300,
      },
    },
    {
      id: "manager",
      type: "level",
      level: {
        targets: [{ type: "user", id: managerId, urgency: "high" }],
        ack_mode: "first",
        time_to_ack_seconds: 600,
      },
    },
    { id: "again", type: "repeat", repeat: { to_node: "on-call", repeat_times: 2 } },
  ];
}

/**
 * Someone who is not on the primary layer now covers it from six hours ago until tomorrow evening, so the
 * override changes who is on call at the moment the demo was seeded.
 */
function coverForAColleague(
  schedule: ScheduleRecord,
  people: readonly string[],
  nowMs: number,
  id: () => string,
): ScheduleOverrideRecord {
  const rotation = schedule.rotations[0] as ScheduleRotationRecord;
  const layerId = rotation.layers[0]?.id ?? "";
  const onCall = scheduledShifts([rotation], schedule.timezone, nowMs, nowMs + 1)
    .filter((shift) => shift.layerId === layerId)
    .map((shift) => shift.userId);
  const userId = people.find((person) => !onCall.includes(person)) ?? (people[0] as string);
  const hour = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  const createdAt = new Date(hour - 2 * DAY_MS).toISOString();
  return {
    id: id(),
    schedule_id: schedule.id,
    rotation_id: rotation.id,
    layer_id: layerId,
    user_id: userId,
    start_at: new Date(hour - 6 * HOUR_MS).toISOString(),
    end_at: new Date(hour + 30 * HOUR_MS).toISOString(),
    created_at: createdAt,
    updated_at: createdAt,
  };
}

/** The Monday at `hour` local time on or before the set-up day (or that day at `hour`, for daily rotations). */
function firstHandover(setUpAtMs: number, timeZone: string, hour: number): number {
  const local = toLocal(setUpAtMs, timeZone);
  const day = Math.floor(local / DAY_MS) * DAY_MS;
  const monday = day - weekdayIndex(day) * DAY_MS;
  return fromLocal(monday + hour * HOUR_MS, timeZone);
}
