import type { InvestigationsConfig } from "../../investigate/investigation/config.js";
import {
  claimAutoInvestigation,
  countPublishAttempt,
  getInvestigation,
  recordError,
  type StoredInvestigation,
  saveReport,
  unfinishedAutoInvestigations,
} from "../../investigate/investigation/store.js";
import { getMirroredIncident, type MirroredIncident, refreshIncident } from "../../mirror/index.js";
import type { SlackPublisher } from "../../notify/slack-publisher.js";
import { KeyedMutex } from "../../ops/keyed-mutex.js";
import type { OpsSession } from "../../ops/session.js";
import type { Leadership } from "../../store/index.js";
import { leadsNow } from "../../store/leader-loop.js";
import type { IncidentWebhookEvent } from "../../webhooks/event.js";
import type { HubAccounts } from "../hub-accounts.js";
import { autoDecision } from "./filter.js";
import { type InvestigationDeps, investigate } from "./investigate.js";
import {
  AUTO_SLACK_OCCASION,
  type PublishTargets,
  pendingChannels,
  publishInvestigation,
  wantsSlack,
} from "./publish.js";

export interface AutoInvestigatorOptions extends Omit<InvestigationDeps, "session"> {
  /** The accounts the hub serves: each incident is read, investigated and published in its own. */
  accounts: HubAccounts;
  config: InvestigationsConfig;
  /** Slack, when the config publishes there. */
  slack?: { publisher: SlackPublisher; minSeverity?: string };
  /** The hub's log. Failures never escape `handle`. */
  onError?: (error: unknown) => void;
  onWarning?: (message: string) => void;
  /** How often unfinished investigations are tried again; default every minute. */
  retryEveryMs?: number;
  /** With several hubs on one database, only the leader retries unfinished investigations. */
  leadership?: Leadership;
}

/** How many times an automatic investigation is run or published before it is left with its errors. */
export const MAX_AUTO_ATTEMPTS = 5;
/** Investigations older than this are not retried: their findings would come too late to help. */
export const RETRY_HORIZON_MS = 24 * 3_600_000;
export const DEFAULT_RETRY_EVERY_MS = 60_000;

const CREATED = /^(public|private)_incident\.incident_created_v\d+$/;

/**
 * Runs the automatic investigation of each new incident once, and publishes it per config.
 *
 * - On an incident-created webhook, for an incident that passes the filter, the investigation is claimed in the
 *   store (one row per incident, `trigger = 'auto'`): a second delivery, a concurrent one, or one after a
 *   restart finds the row and runs nothing new. Within this process a per-incident lock serialises the work.
 * - The report is stored once; the summary append and the Slack post go from the stored report, each marked
 *   done when it succeeded. A failure is recorded on the investigation and logged, never thrown.
 * - What failed is tried again on the next webhook about the incident (any event), and by a loop every minute,
 *   up to `MAX_AUTO_ATTEMPTS` attempts within 24 hours.
 */
export class AutoInvestigator {
  private readonly locks = new KeyedMutex();
  private readonly running = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: AutoInvestigatorOptions) {}

  /** One incident's investigation at a time, in this process and among the hubs on its database. */
  private exclusively(incidentId: string, work: () => Promise<void>): Promise<void> {
    return this.locks.run(incidentId, () =>
      this.options.store.exclusively(`investigation:${incidentId}`, work),
    );
  }

  /** For each incident event the hub received (after the mirror refresh). Never rejects. */
  handle(event: IncidentWebhookEvent, mirrored?: MirroredIncident): Promise<void> {
    return this.track(
      this.exclusively(event.incidentId, async () => {
        const created = CREATED.test(event.eventType);
        const { store, accounts, clock } = this.options;
        const key = { account: event.account, id: event.incidentId };
        const incident =
          mirrored ??
          (await getMirroredIncident(store.db, key)) ??
          (created
            ? await refreshIncident(store, accounts.session(event.account), event.incidentId, { clock })
            : undefined);
        if (!incident) return;
        if (created) await this.onCreated(incident);
        else await this.resume(incident);
      }),
    );
  }

  /** Starts the retry loop. */
  start(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => {
      void this.retryPending();
    }, this.options.retryEveryMs ?? DEFAULT_RETRY_EVERY_MS);
    this.timer.unref();
  }

  /** Stops the loop and waits for the work under way. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Tries again every recent automatic investigation with something left to do. Never rejects. */
  retryPending(): Promise<void> {
    return this.track(
      (async () => {
        const { leadership } = this.options;
        if (leadership && !(await leadsNow(leadership))) return;
        const since = new Date(this.options.clock.now() - RETRY_HORIZON_MS).toISOString();
        const candidates = await unfinishedAutoInvestigations(
          this.options.store.db,
          since,
          MAX_AUTO_ATTEMPTS,
        );
        for (const candidate of candidates) {
          if (this.closed) return;
          await this.exclusively(candidate.incidentId, async () => {
            const incident = await getMirroredIncident(this.options.store.db, {
              account: candidate.account ?? this.options.accounts.primary.alias,
              id: candidate.incidentId,
            });
            if (incident) await this.resume(incident);
          });
        }
      })(),
    );
  }

  private async onCreated(incident: MirroredIncident): Promise<void> {
    const decision = autoDecision(this.options.config, incident, await this.severities(incident));
    if (decision.warning) this.options.onWarning?.(decision.warning);
    if (!decision.run) return;
    const now = new Date(this.options.clock.now()).toISOString();
    const { investigation } = await claimAutoInvestigation(this.options.store, incident, now);
    await this.complete(investigation, incident);
  }

  /** Finishes what an earlier run left undone, if anything. */
  private async resume(incident: MirroredIncident): Promise<void> {
    const { store } = this.options;
    const row = await store.db
      .selectFrom("investigations")
      .select("id")
      .where("incident_id", "=", incident.id)
      .where("trigger", "=", "auto")
      .where("publish_attempts", "<", MAX_AUTO_ATTEMPTS)
      .executeTakeFirst();
    if (!row) return;
    const investigation = await getInvestigation(store.db, row.id);
    if (investigation) await this.complete(investigation, incident);
  }

  private async complete(investigation: StoredInvestigation, incident: MirroredIncident): Promise<void> {
    const { store, clock } = this.options;
    let report = investigation.report;
    if (report === null) {
      try {
        const built = await investigate({ ...this.options, session: this.sessionOf(incident) }, incident.id, {
          mirrored: incident,
          ...(this.options.onWarning ? { onWarning: this.options.onWarning } : {}),
        });
        report = await saveReport(store, investigation.id, built);
      } catch (error) {
        this.options.onError?.(error);
        const message = error instanceof Error ? error.message : String(error);
        await countPublishAttempt(store, investigation.id);
        await recordError(store, investigation.id, {
          at: new Date(clock.now()).toISOString(),
          stage: "investigate",
          message: message || "the investigation failed",
        });
        return;
      }
    }
    const stored = { ...investigation, report };
    const targets = await this.targetsFor(stored, incident);
    if (pendingChannels(stored, targets).length === 0) return;
    await publishInvestigation(
      {
        store,
        session: this.sessionOf(incident),
        clock,
        ...(this.options.onError ? { onError: this.options.onError } : {}),
      },
      stored,
      targets,
    );
  }

  private async targetsFor(
    investigation: StoredInvestigation & { report: NonNullable<StoredInvestigation["report"]> },
    incident: MirroredIncident,
  ): Promise<PublishTargets> {
    const { publish } = this.options.config;
    const slack = this.options.slack;
    let slackTarget: PublishTargets["slack"];
    if (publish.slack && slack) {
      const wanted = wantsSlack(investigation.report, {
        minSeverity: slack.minSeverity,
        private: incident.visibility === "private",
        severities: await this.severities(incident),
      });
      if (wanted.warning) this.options.onWarning?.(wanted.warning);
      if (wanted.post) slackTarget = { publisher: slack.publisher, occasion: AUTO_SLACK_OCCASION };
    }
    return { summary: publish.summary, ...(slackTarget ? { slack: slackTarget } : {}) };
  }

  private sessionOf(incident: MirroredIncident): OpsSession {
    return this.options.accounts.session(incident.account);
  }

  private async severities(incident: MirroredIncident): Promise<{ name: string; rank: number }[]> {
    try {
      return await this.sessionOf(incident).lookups.severities();
    } catch {
      return (await this.options.directory.current()).severities;
    }
  }

  private track(work: Promise<unknown>): Promise<void> {
    const run = work.then(
      () => undefined,
      (error: unknown) => this.options.onError?.(error),
    );
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return run;
  }
}
