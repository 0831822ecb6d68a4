import { createHash } from "node:crypto";
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { AlertIntake } from "../alerts/intake-queue.js";
import { OutboxWorker, type OutboxWorkerOptions } from "../alerts/outbox.js";
import { RetentionJob, rulesMemoryMs } from "../alerts/retention.js";
import type { RuleSet } from "../alerts/rules/index.js";
import { ServiceDirectory } from "../app/directory.js";
import { HubAccounts } from "../app/hub-accounts.js";
import { AutoInvestigator } from "../app/investigations/auto.js";
import { StorePostLedger } from "../app/investigations/post-ledger.js";
import { ScorecardSchedule } from "../app/scorecard-schedule.js";
import { CatalogPushSchedule } from "../catalog/push/schedule.js";
import { AnalyticsThread } from "../faces/web/hub-data/analytics-worker.js";
import { HubWebData } from "../faces/web/hub-data.js";
import { OidcIssuer } from "../faces/web/oidc/issuer.js";
import { webRoutes } from "../faces/web/routes.js";
import type { WebAuth } from "../faces/web/sign-in.js";
import { Mirror } from "../mirror/index.js";
import { slackSenderFor } from "../notify/slack-config.js";
import { SlackPublisher } from "../notify/slack-publisher.js";
import type { OpsSession } from "../ops/index.js";
import { Activity } from "../shared/activity.js";
import { tokensEqual } from "../shared/bearer-token.js";
import { type Clock, systemClock } from "../shared/clock.js";
import { createLogger, type Logger } from "../shared/logger.js";
import { requestIdOf, requestIds } from "../shared/request-id.js";
import type { Leadership, Store } from "../store/index.js";
import { type WebhookApp, webhookRoutes } from "../webhooks/index.js";
import { DEFAULT_SCORECARD_RUNS_EVERY_MS, type HubConfig } from "./config.js";
import type { HubContext } from "./context.js";
import { failureReporter, logFailure, requestFields } from "./log.js";
import { createHubMetrics } from "./metrics.js";
import { alertReadRoutes, intakeRoutes } from "./routes/alerts.js";
import { changeRoutes } from "./routes/changes.js";
import { healthRoutes } from "./routes/health.js";
import { mcpRoutes } from "./routes/mcp.js";
import { listen, type RunningServer } from "./server.js";

/** The longest X-Request-Id a caller may choose (a UUID is 36, a W3C trace ID 32); a longer one is replaced. */

export interface HubOptions {
  config: HubConfig;
  store: Store;
  rules: RuleSet;
  /** The hub's own incident.io account: the outbox delivers alerts there. */
  session: OpsSession;
  /**
   * The session of another account the catalog names (`incidentkit.io/account`); throws when the account is not
   * configured. Without it the hub serves its own account only.
   */
  sessionFor?: (alias: string) => OpsSession;
  clock?: Clock;
  worker?: Omit<OutboxWorkerOptions, "clock" | "onError">;
  /**
   * The hub's log: every failure it handles itself (deliveries, mirror syncs, webhooks, requests…) is one line
   * there, with its job and IDs. Default: JSON lines on stderr at `info`.
   */
  logger?: Logger;
}

export interface Hub {
  app: Hono;
  /**
   * Whether this hub runs the singleton jobs (mirror sync, investigation retries, scorecard runs) among those on
   * its database.
   */
  leadership: Leadership;
  worker: OutboxWorker;
  /** The accounts the hub serves: its own and every other its catalog names. */
  accounts: HubAccounts;
  /** The incident mirror of the hub's accounts; absent when the config turns it off. */
  mirror?: Mirror;
  /** The catalog, its incidents and scorecard results, which the web UI shows. */
  directory: ServiceDirectory;
  /** Investigates each new incident once and publishes the findings; absent unless `investigations.auto`. */
  investigator?: AutoInvestigator;
  /** Records each entity's scorecard levels every `scorecard_runs_every`; absent without scorecards. */
  scorecardRuns?: ScorecardSchedule;
  /** Pushes the catalog into incident.io's catalog every `catalog.push_every`; absent without it. */
  catalogPush?: CatalogPushSchedule;
  /** Prunes alerts and their history past `alerts.retention`, on the leading hub. */
  retention: RetentionJob;
  /** Starts the outbox worker and listens on the configured address; resolves with the URL. */
  start(): Promise<string>;
  /** Stops accepting requests, then stops the worker once its deliveries under way finish. The store stays open. */
  close(): Promise<void>;
}

/**
 * The alert hub: intake, history, health and metrics over HTTP, the worker that delivers to incident.io, the
 * incident mirror and the web UI. Throws `DirectoryError` (naming file and line) when the scorecards cannot be
 * read; the catalog's problems do not stop it (`directory.catalog.problems` lists them).
 */
export function createHub(options: HubOptions): Hub {
  const clock = options.clock ?? systemClock;
  // Checked before anything starts: a sign-in that cannot work must stop the hub, not leave the UI open.
  const log = options.logger ?? createLogger({ name: "hub" });
  const webAuth = webAuthOf(options.config, failureReporter(log, "sign-in"));
  const directory = ServiceDirectory.open({
    store: options.store,
    clock,
    ...(options.config.catalog ? { catalog: options.config.catalog } : {}),
    ...(options.config.scorecards !== undefined ? { scorecards: options.config.scorecards } : {}),
    account: options.config.catalog?.account ?? options.session.alias,
    // Any other account's incidents in the database (a hub once serving it) are left out.
    served: [options.session.alias],
  });
  const accounts = new HubAccounts(
    options.session,
    directory.accounts().flatMap((alias) => {
      if (alias === options.session.alias) return [];
      if (!options.sessionFor)
        throw new Error(`the catalog names account ${alias}, and the hub was given no way to reach it`);
      return [options.sessionFor(alias)];
    }),
  );
  const webhookSecrets = webhookSecretsOf(options.config, accounts);
  const leadership = options.store.lead("hub", { onError: failureReporter(log, "leadership") });
  const worker = new OutboxWorker(options.store, options.session, {
    ...options.worker,
    clock,
    onError: failureReporter(log, "outbox"),
    // The one line with the fix the alert history shows too, for whoever watches the log instead.
    onNeedsPerson: (entry, failure) => {
      const state = failure.needsPerson ? "is waiting" : "failed";
      logFailure(
        log,
        "outbox",
        new Error(
          `alert ${entry.alert_id}: the ${entry.kind} for group ${entry.group_key} ${state}: ${failure.message} — fix: ${failure.fix}; then \`incidentkit alerts replay ${entry.alert_id}\``,
        ),
        { alert_id: entry.alert_id, group_key: entry.group_key, kind: entry.kind },
      );
    },
  });
  const context: HubContext = {
    config: options.config,
    store: options.store,
    rules: options.rules,
    intake: new AlertIntake(options.store, options.rules, clock, options.store.writeLanes),
    intakeActivity: new Activity(),
    clock,
    metrics: createHubMetrics(options.store, clock, leadership),
    leadership,
    nudge: () => {
      void worker.runOnce().catch(failureReporter(log, "outbox"));
    },
    log,
  };
  const mirror = options.config.mirror.enabled
    ? new Mirror(options.store, accounts.sessions(), {
        clock,
        intervalMs: options.config.mirror.reconcileEveryMs,
        leadership,
        onError: (account, error) => logFailure(log, "mirror", error, { account }),
      })
    : undefined;
  const investigator = autoInvestigator(options, accounts, directory, clock, leadership, log);
  const scorecardRuns =
    options.config.scorecards !== undefined
      ? new ScorecardSchedule({
          store: options.store,
          directory,
          leadership,
          everyMs: options.config.scorecardRunsEveryMs ?? DEFAULT_SCORECARD_RUNS_EVERY_MS,
          clock,
          onError: failureReporter(log, "scorecard runs"),
        })
      : undefined;
  const pushEveryMs = options.config.catalog?.pushEveryMs;
  const catalogPush =
    pushEveryMs !== undefined
      ? new CatalogPushSchedule({
          io: accounts.session(options.config.catalog?.account ?? options.session.alias).io,
          catalog: () => directory.catalog,
          everyMs: pushEveryMs,
          leadership,
          clock,
          onError: failureReporter(log, "catalog push"),
        })
      : undefined;
  const retention = new RetentionJob({
    store: options.store,
    retentionMs: options.config.alerts.retentionMs,
    groupsKeptMs: rulesMemoryMs(options.rules),
    leadership,
    clock,
    onError: failureReporter(log, "retention"),
  });
  const app = new Hono();
  // First, ahead of the middleware below: alert intake, which answers on its own (routes/intake-answer.ts).
  app.route("/alerts", intakeRoutes(context));
  // Every other request gets an ID (a caller's X-Request-Id when short and plain, else a new UUID), answered in
  // X-Request-Id and on its log lines.
  app.use(requestIds());
  app.use(async (c, next) => {
    if (!log.isLevelEnabled("debug")) return next();
    const started = performance.now();
    await next();
    log.debug(
      {
        job: "request",
        request_id: requestIdOf(c),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      `${c.req.method} ${c.req.path} ${c.res.status}`,
    );
  });
  // Every answer: nosniff, no framing by other sites, no referrer leaving the hub ("same-origin", not
  // "no-referrer": with that, browsers send `Origin: null` on the hub's own form posts, which then look cross-site).
  // JSON answers are never cached: they hold alerts, incidents and tokens' outcomes.
  app.use(secureHeaders({ referrerPolicy: "same-origin" }));
  app.use(async (c, next) => {
    await next();
    const type = c.res.headers.get("content-type") ?? "";
    if (type.startsWith("application/json") && !c.res.headers.has("cache-control"))
      c.res.headers.set("cache-control", "no-store");
  });
  let webhooks: WebhookApp | undefined;
  if (webhookSecrets.size > 0) {
    webhooks = webhookRoutes({
      store: options.store,
      secrets: webhookSecrets,
      clock,
      onEvent: async (event) => {
        const mirrored = await mirror?.refresh(event.account, event.incidentId);
        // Never rejects: its failures are recorded on the investigation and logged.
        await investigator?.handle(event, mirrored);
      },
      onError: (error, event) =>
        logFailure(log, "webhook", error, {
          webhook_id: event.webhookId,
          event_type: event.eventType,
          account: event.account,
          incident_id: event.incidentId,
        }),
    });
    app.route("/", webhooks);
  }
  app.route("/alerts", alertReadRoutes(context));
  app.route(
    "/mcp",
    mcpRoutes(options.session, options.config.adminToken, { directory, store: options.store, clock }),
  );
  app.route(
    "/changes",
    changeRoutes({
      store: options.store,
      directory,
      clock,
      token: options.config.changes?.token,
      adminToken: options.config.adminToken,
      githubSecret: options.config.changes?.githubSecret,
      productionEnvironments: options.config.changes?.productionEnvironments,
    }),
  );
  app.route("/", healthRoutes(context));
  const analyticsThread = new AnalyticsThread();
  const web = new HubWebData({
    directory,
    analyticsThread,
    // A change shows on the analytics page within a second, and a page asked for 500 times a second reads the
    // mirror once a second, not 500 times.
    analyticsFreshMs: 1000,
    store: options.store,
    accounts,
    sources: options.config.sources.map((source) => source.name),
    clock,
    ...(options.config.catalog ? { catalog: options.config.catalog } : {}),
    ...(mirror ? { mirror } : {}),
    onError: failureReporter(log, "request"),
  });
  // After the API's routes: the UI's GET /alerts page sits beside the API's GET /alerts/:id.
  // Every hub on the database signs forms with the same key, so a form one served may be posted to another.
  const secret = createHash("sha256").update(`incidentkit web forms\n${options.store.installId}`).digest();
  app.route(
    "/",
    webRoutes(web, {
      clock,
      onError: (error, c) => logFailure(log, "request", error, c ? requestFields(c) : {}),
      givesWayTo: context.intakeActivity,
      secret,
      publicUrl: options.config.publicUrl,
      ...webAuth,
    }),
  );
  app.onError((error, c) => {
    logFailure(log, "request", error, requestFields(c));
    const id = requestIdOf(c);
    return c.json(
      {
        error: `the hub could not handle the request; its log has the details under request_id ${id}`,
        request_id: id,
      },
      500,
    );
  });

  let server: RunningServer | undefined;
  return {
    app,
    leadership,
    worker,
    accounts,
    ...(mirror ? { mirror } : {}),
    directory,
    ...(investigator ? { investigator } : {}),
    ...(scorecardRuns ? { scorecardRuns } : {}),
    ...(catalogPush ? { catalogPush } : {}),
    retention,
    async start() {
      server = await listen(app, options.config.listen.host, options.config.listen.port);
      // In the background: a provider that cannot be reached does not stop the hub taking alerts.
      if (webAuth.auth?.mode === "oidc") webAuth.auth.issuer.start();
      worker.start();
      mirror?.start();
      investigator?.start();
      scorecardRuns?.start();
      catalogPush?.start();
      retention.start();
      return server.url;
    },
    async close() {
      await server?.close();
      server = undefined;
      if (webAuth.auth?.mode === "oidc") webAuth.auth.issuer.close();
      await Promise.all([
        worker.stop(),
        mirror?.close(),
        webhooks?.idle(),
        scorecardRuns?.close(),
        catalogPush?.close(),
        retention.close(),
        analyticsThread.close(),
      ]);
      await investigator?.close();
      await leadership.close();
    },
  };
}

/** The automatic investigations the config asks for, publishing to the summary and, if configured, Slack. */
/** The web UI's sign-in, as `auth:` configures it; none for a hub on loopback or `auth: { mode: none }`. */
function webAuthOf(config: HubConfig, onError: (error: Error) => void): { auth?: WebAuth } {
  const { auth, adminToken } = config;
  if (auth?.mode === "token") {
    // Never open: a config read from hub.yaml cannot get here without the admin token, one made in code could.
    if (adminToken === undefined)
      throw new Error("auth: { mode: token } signs in with the admin token, and there is none");
    return {
      auth: {
        mode: "token",
        accepts: (secret) => tokensEqual(secret, adminToken),
        secureCookie: config.publicUrl?.startsWith("https:") ?? false,
      },
    };
  }
  if (auth?.mode === "proxy") {
    return {
      auth: {
        mode: "proxy",
        header: auth.header,
        trustedProxies: auth.trustedProxies,
        ...(auth.groupsHeader !== undefined ? { groupsHeader: auth.groupsHeader } : {}),
        ...(auth.privateIncidents ? { privateIncidents: auth.privateIncidents } : {}),
      },
    };
  }
  if (auth?.mode === "oidc") {
    const { issuer, clientId, clientSecret } = auth;
    return {
      auth: {
        mode: "oidc",
        issuer: new OidcIssuer({ issuer, clientId, clientSecret }, { onError }),
        issuerUrl: issuer,
        redirectUri: auth.redirectUri,
        scopes: auth.scopes,
        policy: { domains: auth.allowedDomains, groups: auth.allowedGroups, groupsClaim: auth.groupsClaim },
        ...(auth.privateIncidents ? { privateIncidents: auth.privateIncidents } : {}),
        secureCookie: auth.redirectUri.startsWith("https:"),
      },
    };
  }
  return {};
}

/**
 * Each served account's webhook signing secret, by alias: the hub's own from `webhooks.secret_env`, the others'
 * from `webhooks.accounts`. A secret for an account the hub does not serve is an error naming the accounts it does.
 */
function webhookSecretsOf(config: HubConfig, accounts: HubAccounts): Map<string, string> {
  const secrets = new Map<string, string>();
  if (config.webhookSecret !== undefined) secrets.set(accounts.primary.alias, config.webhookSecret);
  for (const [alias, secret] of Object.entries(config.accountWebhookSecrets ?? {})) {
    accounts.session(alias);
    secrets.set(alias, secret);
  }
  return secrets;
}

function autoInvestigator(
  options: HubOptions,
  accounts: HubAccounts,
  directory: ServiceDirectory,
  clock: Clock,
  leadership: Leadership,
  log: Logger,
): AutoInvestigator | undefined {
  const { investigations, slack, priorities, catalog } = options.config;
  if (!investigations?.auto) return undefined;
  const publisher =
    investigations.publish.slack && slack
      ? new SlackPublisher(slackSenderFor(slack), new StorePostLedger(options.store, clock))
      : undefined;
  return new AutoInvestigator({
    store: options.store,
    accounts,
    directory,
    clock,
    config: investigations,
    leadership,
    ...(priorities ? { priorities } : {}),
    ...(catalog ? { serviceField: catalog.field } : {}),
    ...(publisher
      ? {
          slack: {
            publisher,
            ...(slack?.minSeverity !== undefined ? { minSeverity: slack.minSeverity } : {}),
          },
        }
      : {}),
    onError: failureReporter(log, "investigation"),
    onWarning: (message) => log.warn({ job: "investigation" }, message),
  });
}
