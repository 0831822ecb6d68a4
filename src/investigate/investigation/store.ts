import type { Kysely, Selectable } from "kysely";
import { newId } from "../../shared/ids.js";
import type { Database, InvestigationsTable, InvestigationTrigger, Store } from "../../store/index.js";
import { type FindingsReport, parseFindingsReport } from "../report.js";

/** Where a publish or a run failed. */
export type InvestigationStage = "investigate" | "summary" | "slack";

export interface InvestigationError {
  at: string;
  stage: InvestigationStage;
  /** The error's message, never a secret (Slack and incident.io errors are redacted before they get here). */
  message: string;
}

/** An investigation as stored: its report (once finished) and what became of publishing it. */
export interface StoredInvestigation {
  id: string;
  incidentId: string;
  /** The incident's account; null for investigations made before the hub recorded it (its own account's). */
  account: string | null;
  trigger: InvestigationTrigger;
  createdAt: string;
  completedAt: string | null;
  report: FindingsReport | null;
  published: { summaryAppendedAt: string | null; slackPostedAt: string | null };
  publishAttempts: number;
  errors: InvestigationError[];
}

/** The most errors kept per investigation: a run retried for days must not grow without bound. */
const MAX_ERRORS = 20;

export function investigationFromRow(row: Selectable<InvestigationsTable>): StoredInvestigation {
  let errors: InvestigationError[] = [];
  try {
    errors = JSON.parse(row.errors) as InvestigationError[];
  } catch {
    errors = [];
  }
  return {
    id: row.id,
    incidentId: row.incident_id,
    account: row.account ?? null,
    trigger: row.trigger,
    createdAt: row.created_at,
    completedAt: row.completed_at ?? null,
    report: row.report ? parseFindingsReport(JSON.parse(row.report)) : null,
    published: {
      summaryAppendedAt: row.summary_appended_at ?? null,
      slackPostedAt: row.slack_posted_at ?? null,
    },
    publishAttempts: row.publish_attempts,
    errors,
  };
}

/**
 * Claims the automatic investigation of an incident: inserts its row unless one exists (the partial unique
 * index on `incident_id` where `trigger = 'auto'` decides, across processes and restarts too). Resolves with
 * the row either way, and whether this call made it.
 */
export async function claimAutoInvestigation(
  store: Store,
  incident: { account: string; id: string },
  at: string,
): Promise<{ investigation: StoredInvestigation; claimed: boolean }> {
  const id = newId(Date.parse(at));
  const incidentId = incident.id;
  const inserted = await store.write((trx) =>
    trx
      .insertInto("investigations")
      .values({ id, incident_id: incidentId, account: incident.account, trigger: "auto", created_at: at })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst(),
  );
  const row = await store.db
    .selectFrom("investigations")
    .selectAll()
    .where("incident_id", "=", incidentId)
    .where("trigger", "=", "auto")
    .executeTakeFirstOrThrow();
  return {
    investigation: investigationFromRow(row),
    claimed: Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0,
  };
}

/** A new investigation asked for now (`cli`, `api`); each call is a row of its own. */
export async function createInvestigation(
  store: Store,
  incident: { account: string; id: string },
  trigger: Exclude<InvestigationTrigger, "auto">,
  at: string,
): Promise<string> {
  const id = newId(Date.parse(at));
  await store.write((trx) =>
    trx
      .insertInto("investigations")
      .values({ id, incident_id: incident.id, account: incident.account, trigger, created_at: at })
      .execute(),
  );
  return id;
}

/**
 * Stores the report unless the investigation already has one (the first finished run wins), and resolves with
 * the report stored: every publisher then publishes the same text, whichever run wrote it.
 */
export async function saveReport(store: Store, id: string, report: FindingsReport): Promise<FindingsReport> {
  await store.write((trx) =>
    trx
      .updateTable("investigations")
      .set({ report: JSON.stringify(report), completed_at: report.generatedAt })
      .where("id", "=", id)
      .where("report", "is", null)
      .execute(),
  );
  const stored = await getInvestigation(store.db, id);
  if (!stored?.report) throw new Error(`investigation ${id} has no report after saving one`);
  return stored.report;
}

export async function markPublished(
  store: Store,
  id: string,
  channel: "summary" | "slack",
  at: string,
): Promise<void> {
  const column = channel === "summary" ? "summary_appended_at" : "slack_posted_at";
  await store.write((trx) =>
    trx
      .updateTable("investigations")
      .set({ [column]: at })
      .where("id", "=", id)
      .where(column, "is", null)
      .execute(),
  );
}

export async function countPublishAttempt(store: Store, id: string): Promise<void> {
  await store.write((trx) =>
    trx
      .updateTable("investigations")
      .set((eb) => ({ publish_attempts: eb("publish_attempts", "+", 1) }))
      .where("id", "=", id)
      .execute(),
  );
}

/** Appends an error to the investigation's list (keeping the newest `MAX_ERRORS`). */
export async function recordError(store: Store, id: string, error: InvestigationError): Promise<void> {
  await store.write(async (trx) => {
    const row = await trx
      .selectFrom("investigations")
      .select("errors")
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) return;
    let errors: InvestigationError[] = [];
    try {
      errors = JSON.parse(row.errors) as InvestigationError[];
    } catch {
      errors = [];
    }
    errors.push(error);
    await trx
      .updateTable("investigations")
      .set({ errors: JSON.stringify(errors.slice(-MAX_ERRORS)) })
      .where("id", "=", id)
      .execute();
  });
}

export async function getInvestigation(
  db: Kysely<Database>,
  id: string,
): Promise<StoredInvestigation | undefined> {
  const row = await db.selectFrom("investigations").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? investigationFromRow(row) : undefined;
}

/**
 * The latest investigation of an incident that has a report (any trigger), with its publish state; else the
 * latest one at all (a run that failed, with its errors); undefined when it was never investigated.
 */
export async function latestInvestigation(
  db: Kysely<Database>,
  incidentId: string,
): Promise<StoredInvestigation | undefined> {
  const finished = await db
    .selectFrom("investigations")
    .selectAll()
    .where("incident_id", "=", incidentId)
    .where("report", "is not", null)
    .orderBy("completed_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (finished) return investigationFromRow(finished);
  const any = await db
    .selectFrom("investigations")
    .selectAll()
    .where("incident_id", "=", incidentId)
    .orderBy("id", "desc")
    .executeTakeFirst();
  return any ? investigationFromRow(any) : undefined;
}

/** Automatic investigations created since `since` with fewer than `maxAttempts` publish attempts, oldest first. */
export async function unfinishedAutoInvestigations(
  db: Kysely<Database>,
  since: string,
  maxAttempts: number,
): Promise<StoredInvestigation[]> {
  const rows = await db
    .selectFrom("investigations")
    .selectAll()
    .where("trigger", "=", "auto")
    .where("created_at", ">=", since)
    .where("publish_attempts", "<", maxAttempts)
    .orderBy("created_at")
    .execute();
  return rows.map(investigationFromRow);
}
