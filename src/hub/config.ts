import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import type { AlertFormat } from "../alerts/intake/index.js";
import { ALIAS_PATTERN } from "../api/accounts-file.js";
import { type CatalogConfig, CatalogConfigSchema, catalogConfigFrom } from "../catalog/config.js";
import { type PriorityMapping, parsePriorityConfig } from "../investigate/analytics/priority.js";
import {
  type InvestigationsConfig,
  InvestigationsConfigSchema,
  investigationsConfigFrom,
} from "../investigate/investigation/config.js";
import { type SlackConfig, SlackConfigSchema, slackConfigFrom } from "../notify/slack-config.js";
import { BEARER_TOKEN_FIX, BEARER_TOKEN_SYNTAX } from "../shared/bearer-token.js";
import { BYTE_SIZE_HINT, formatByteSize, parseByteSize } from "../shared/byte-size.js";
import { withoutUndefined } from "../shared/defined.js";
import { durationSetting } from "../shared/duration-setting.js";
import { LocatedError } from "../shared/located-error.js";
import { isLoopbackHost } from "../shared/loopback.js";
import { loadYamlConfig } from "../shared/yaml-config.js";
import { locate } from "../shared/yaml-location.js";
import { DatabaseUrlError, type StoreLocation, storeLocation } from "../store/index.js";
import { type HubOidcAuth, OidcAuthSchema, oidcAuthFrom } from "./oidc-config.js";
import {
  NO_PRIVATE_INCIDENTS,
  type PrivateIncidentsAccess,
  PrivateIncidentsSchema,
  privateIncidentsFrom,
} from "./private-incidents-config.js";

/** A hub config file that cannot be used, pointing at the line at fault: `hub.yaml:7:5: sources.prom: …`. */
export class HubConfigError extends LocatedError {
  override readonly name = "HubConfigError";
}

export interface HubSource {
  name: string;
  format: AlertFormat | "auto";
  /**
   * The variable the bearer token was read from; the token itself is never printed. Absent for the demo hub's
   * generated tokens.
   */
  tokenEnv?: string;
  token: string;
  /** The most alerts one request may carry, from `max_alerts` (default `DEFAULT_MAX_ALERTS`). */
  maxAlerts: number;
  /** The largest request body taken, in bytes, from `max_body` (default `DEFAULT_MAX_BODY_BYTES`). */
  maxBodyBytes: number;
}

export interface HubConfig {
  file: string;
  listen: { host: string; port: number };
  /**
   * Who may use the web UI, from `auth:`: sign-in with the admin token, a trusted proxy's header, or (written out)
   * nobody checked. Absent only when the hub listens on loopback.
   */
  auth?: HubAuth;
  /**
   * The hub's public address (`public_url`, e.g. behind an HTTPS proxy): besides localhost, the only name its web
   * UI answers to, and the origin its forms may be posted from. Absent: the UI answers at localhost only.
   */
  publicUrl?: string;
  dataDir: string;
  /**
   * The hub's database, from the variable `database_url_env` names (default DATABASE_URL): PostgreSQL for a
   * `postgres://` URL (several hubs may share it), a SQLite file for any other value, `<dataDir>/hub.sqlite`
   * when unset or blank. The URL may hold a password: messages name only its host, port and database.
   */
  database: StoreLocation;
  /**
   * incident.io's rate limit for the hub's API key, from `rate_limit_per_minute` (default 1200, as incident.io
   * documents): a bucket of that many requests refilling over a minute. Hubs sharing a PostgreSQL database share
   * it.
   */
  rateLimit: RateLimitSetting;
  rulesFile: string;
  account?: string;
  sources: HubSource[];
  /** The token that may read any alert (`GET /alerts/:id`), from `admin_token_env` (default HUB_ADMIN_TOKEN). */
  adminToken?: string;
  adminTokenEnv: string;
  /** The service catalog and the custom field that maps incidents to its entities. */
  catalog?: CatalogConfig;
  /** A scorecard file or a folder of them. */
  scorecards?: string;
  /**
   * How often the hub records each entity's scorecard levels, from `scorecard_runs_every`; absent: every hour
   * (`DEFAULT_SCORECARD_RUNS_EVERY_MS`).
   */
  scorecardRunsEveryMs?: number;
  /** incident.io's webhook signing secret (`whsec_…`), from `webhooks.secret_env`; without it, no receiver. */
  webhookSecret?: string;
  /**
   * The signing secrets of the other accounts' endpoints, by account alias, from `webhooks.accounts`: the same
   * URL is registered in each organisation, and the secret a delivery is signed with says which one sent it.
   */
  accountWebhookSecrets?: Record<string, string>;
  /** The incident mirror: on unless `mirror.enabled: false`; reconciled every `reconcileEveryMs`. */
  mirror: { enabled: boolean; reconcileEveryMs: number };
  /** The change feed (`/changes`): its bearer token and GitHub's webhook secret, from `changes:`. */
  changes?: HubChangesConfig;
  /** The token `GET /metrics` asks for, from `metrics.token_env`; absent: /metrics is open (the admin token works too). */
  metricsToken?: string;
  /** Automatic investigations of new incidents, from `investigations:`; absent: none. */
  investigations?: InvestigationsConfig;
  /** Where findings are posted in Slack, from `slack:`, its secret read from the environment. */
  slack?: SlackConfig;
  /** Severity → priority, from `priorities:` (`{ Critical: P0, Major: P1 }`); absent: by name, else by rank. */
  priorities?: PriorityMapping;
  /**
   * How long alerts, their deliveries and webhook receipts are kept, from `alerts.retention` (default
   * `DEFAULT_RETENTION_MS`): older ones are pruned on a schedule.
   */
  alerts: { retentionMs: number };
}

export interface HubChangesConfig {
  /** The token deploy pipelines send to `POST /changes`, from `changes.token_env`; the admin token works too. */
  token?: string;
  tokenEnv?: string;
  /** The secret GitHub signs `deployment_status` webhooks with, from `changes.github_secret_env`. */
  githubSecret?: string;
  /** The environments whose deploys are production ones, from `changes.production_environments`; absent: the default. */
  productionEnvironments?: string[];
}

/** The pacing the hub's client keeps to: a burst of `capacity` requests, refilled at `refillPerSecond`. */
export interface RateLimitSetting {
  capacity: number;
  refillPerSecond: number;
}

export type HubAuth =
  | { mode: "none" }
  | { mode: "token" }
  | {
      mode: "proxy";
      header: string;
      trustedProxies: string[];
      /** The header listing the person's groups, comma-separated (lower-case), for `privateIncidents`. */
      groupsHeader?: string;
      privateIncidents?: PrivateIncidentsAccess;
    }
  | HubOidcAuth;

/** The shortest bearer token the hub takes: shorter ones could be guessed. */
export const MIN_TOKEN_LENGTH = 16;

/** How often the mirror asks incident.io for incidents changed since it last looked, unless configured. */
export const DEFAULT_RECONCILE_EVERY_MS = 60_000;

/** How often the hub records each entity's scorecard levels, unless configured: every hour. */
export const DEFAULT_SCORECARD_RUNS_EVERY_MS = 3_600_000;

const MAX_SCORECARD_RUNS_EVERY_MS = 7 * 86_400_000;

/** The variable holding the database's URL unless `database_url_env` names another. */
export const DEFAULT_DATABASE_URL_ENV = "DATABASE_URL";

/** incident.io's documented limit per API key: 1200 requests a minute. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;
const MAX_RATE_LIMIT_PER_MINUTE = 100_000;
const RATE_LIMIT_HINT = `the most requests a minute the hub sends to incident.io with its API key: a whole number from 1 to ${MAX_RATE_LIMIT_PER_MINUTE} (incident.io allows ${DEFAULT_RATE_LIMIT_PER_MINUTE})`;

/** The most alerts one request from a source may carry, unless its `max_alerts` says otherwise. */
export const DEFAULT_MAX_ALERTS = 10_000;
const MAX_MAX_ALERTS = 1_000_000;
const MAX_ALERTS_HINT = `the most alerts one request from this source may carry: a whole number from 1 to ${MAX_MAX_ALERTS} (default ${DEFAULT_MAX_ALERTS})`;

/** The largest request body a source may send, unless its `max_body` says otherwise: 10 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1_048_576;
const MIN_MAX_BODY_BYTES = 1_024;
const MAX_MAX_BODY_BYTES = 1_073_741_824;

/** How long alerts and their history are kept, unless `alerts.retention` says otherwise: 30 days. */
export const DEFAULT_RETENTION_MS = 30 * 86_400_000;
const MIN_RETENTION_MS = 3_600_000;

const SOURCE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const SourceSchema = z.strictObject({
  format: z.enum(["alertmanager", "grafana", "generic", "auto"]).default("auto"),
  token_env: z.string().regex(ENV_NAME, "must be an environment variable name, e.g. PROM_ALERT_TOKEN"),
  max_alerts: z
    .number({ error: MAX_ALERTS_HINT })
    .int(MAX_ALERTS_HINT)
    .min(1, MAX_ALERTS_HINT)
    .max(MAX_MAX_ALERTS, MAX_ALERTS_HINT)
    .default(DEFAULT_MAX_ALERTS),
  max_body: z
    .union([z.string(), z.number()], { error: BYTE_SIZE_HINT })
    .refine((value) => parseByteSize(value) !== undefined, BYTE_SIZE_HINT)
    .transform((value) => parseByteSize(value) as number)
    .refine(
      (bytes) => bytes >= MIN_MAX_BODY_BYTES && bytes <= MAX_MAX_BODY_BYTES,
      `from ${formatByteSize(MIN_MAX_BODY_BYTES)} to ${formatByteSize(MAX_MAX_BODY_BYTES)}: the largest request body the hub takes from this source (default ${formatByteSize(DEFAULT_MAX_BODY_BYTES)})`,
    )
    .default(DEFAULT_MAX_BODY_BYTES),
});

const HubFileSchema = z.strictObject({
  auth: z
    .discriminatedUnion("mode", [
      z.strictObject({ mode: z.literal("none"), private_incidents: NO_PRIVATE_INCIDENTS }),
      z.strictObject({ mode: z.literal("token"), private_incidents: NO_PRIVATE_INCIDENTS }),
      z.strictObject({
        mode: z.literal("proxy"),
        header: z.string().regex(/^[A-Za-z0-9-]+$/, "must be a header name, e.g. X-Forwarded-Email"),
        trusted_proxies: z
          .array(z.ipv4().or(z.ipv6()), { error: "must list the proxy's IP addresses, e.g. [127.0.0.1]" })
          .min(1, "must list at least one address: the header is believed only from those"),
        groups_header: z
          .string()
          .regex(/^[A-Za-z0-9-]+$/, "must be a header name, e.g. X-Forwarded-Groups")
          .optional(),
        private_incidents: PrivateIncidentsSchema.optional(),
      }),
      OidcAuthSchema,
    ])
    .optional(),
  public_url: z
    .url({
      protocol: /^https?$/,
      error: "must be the hub's public http(s) address, e.g. https://incidentkit.example.com",
    })
    .refine(
      (text) => ["", "/"].includes(new URL(text).pathname),
      "must be an address without a path: the hub answers at its root",
    )
    .optional(),
  listen: z
    .strictObject({
      host: z.string().min(1).default("127.0.0.1"),
      port: z.number().int().min(0).max(65535).default(8780),
    })
    .default({ host: "127.0.0.1", port: 8780 }),
  data_dir: z.string().min(1).optional(),
  database_url_env: z
    .string()
    .regex(ENV_NAME, "must be an environment variable name, e.g. DATABASE_URL")
    .default(DEFAULT_DATABASE_URL_ENV),
  rate_limit_per_minute: z
    .number({ error: RATE_LIMIT_HINT })
    .int(RATE_LIMIT_HINT)
    .min(1, RATE_LIMIT_HINT)
    .max(MAX_RATE_LIMIT_PER_MINUTE, RATE_LIMIT_HINT)
    .default(DEFAULT_RATE_LIMIT_PER_MINUTE),
  rules: z.string().min(1).default("./rules.yaml"),
  account: z.string().min(1).optional(),
  admin_token_env: z
    .string()
    .regex(ENV_NAME, "must be an environment variable name")
    .default("HUB_ADMIN_TOKEN"),
  sources: z
    .record(
      z
        .string()
        .regex(SOURCE_NAME, "a source name is lower-case letters, digits, - and _ (it is part of the URL)"),
      SourceSchema,
    )
    .refine((sources) => Object.keys(sources).length > 0, "name at least one source"),
  catalog: CatalogConfigSchema.optional(),
  scorecards: z.string().min(1).optional(),
  scorecard_runs_every: durationSetting({
    max: { ms: MAX_SCORECARD_RUNS_EVERY_MS, problem: "at most 7d: results are recorded at least weekly" },
  }).optional(),
  webhooks: z
    .strictObject({
      secret_env: z
        .string()
        .regex(ENV_NAME, "must be an environment variable name, e.g. INCIDENT_IO_WEBHOOK_SECRET"),
      /** The other accounts the hub serves, each with its own endpoint's secret in incident.io. */
      accounts: z
        .record(
          z.string().regex(ALIAS_PATTERN, "must be an account alias (lower-case letters, digits, - and _)"),
          z.strictObject({
            secret_env: z
              .string()
              .regex(ENV_NAME, "must be an environment variable name, e.g. STAGING_WEBHOOK_SECRET"),
          }),
        )
        .optional(),
    })
    .optional(),
  mirror: z
    .strictObject({
      enabled: z.boolean().default(true),
      reconcile_every: durationSetting().optional(),
    })
    .default({ enabled: true }),
  changes: z
    .strictObject({
      token_env: z
        .string()
        .regex(ENV_NAME, "must be an environment variable name, e.g. INCIDENTKIT_CHANGES_TOKEN")
        .optional(),
      github_secret_env: z
        .string()
        .regex(ENV_NAME, "must be an environment variable name, e.g. GITHUB_WEBHOOK_SECRET")
        .optional(),
      production_environments: z
        .array(
          z
            .string()
            .trim()
            .min(1, "must not be blank: name an environment, e.g. production")
            .max(100, "must be at most 100 characters"),
          { error: "expected a list of environment names, e.g. [production, prod-*]" },
        )
        .min(1, "must name at least one environment: deploys to any other are not production ones")
        .optional(),
    })
    .optional(),
  metrics: z
    .strictObject({
      token_env: z.string().regex(ENV_NAME, "must be an environment variable name, e.g. HUB_METRICS_TOKEN"),
    })
    .optional(),
  investigations: InvestigationsConfigSchema.optional(),
  slack: SlackConfigSchema.optional(),
  priorities: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  alerts: z
    .strictObject({
      retention: durationSetting({
        min: {
          ms: MIN_RETENTION_MS,
          problem:
            "at least 1h: how long alerts, their deliveries and webhook receipts are kept (default 30d)",
        },
      }).optional(),
    })
    .default({}),
});

type Path = ReadonlyArray<string | number>;

export interface HubConfigOptions {
  /** Where the variables named by `token_env` and `database_url_env` are read. */
  env: Readonly<Record<string, string | undefined>>;
  /** incidentkit's data directory; the hub's default is `<dataDir>/hub`. */
  dataDir: string;
}

/** The file checked against the schema, with a way to point at a setting in it. */
type ParsedHubFile = ReturnType<typeof parseHubFile>;

function parseHubFile(text: string, file: string) {
  const { value, doc, at } = loadYamlConfig(text, file, HubFileSchema, HubConfigError);
  return { data: value, doc, at };
}

/** What commands that only read the hub's state need of its config: no secrets, so none must be set. */
export interface HubLocalSettings {
  dataDir: string;
  /** The hub's database: PostgreSQL, or a SQLite file (see `HubConfig.database`). */
  database: StoreLocation;
  /** `rate_limit_per_minute` (the demo's: none): commands that call incident.io for the hub pace by it. */
  rateLimit?: RateLimitSetting;
  account?: string;
  catalog?: CatalogConfig;
  scorecards?: string;
  /** The `investigations:` section. */
  investigations?: InvestigationsConfig;
  /** The `slack:` section as written: its secrets are read only by a command that posts. */
  slackSection?: z.output<typeof SlackConfigSchema>;
  priorities?: PriorityMapping;
}

/**
 * The hub's database, account, catalog and scorecards as this config file describes them, for commands that only
 * read the hub's state (`alerts history`, `sync status`, `scorecards check`): the token variables need not be set.
 */
export function hubLocalSettings(text: string, file: string, options: HubConfigOptions): HubLocalSettings {
  const { data, doc, at } = parseHubFile(text, file);
  const dataDir = dataDirOf(data.data_dir, file, options.dataDir);
  return withoutUndefined({
    ...investigationSettings(data, doc, at),
    slackSection: data.slack,
    dataDir,
    database: databaseOf(data.database_url_env, options.env, dataDir, doc, at),
    rateLimit: rateLimitOf(data.rate_limit_per_minute),
    account: data.account,
    catalog: data.catalog === undefined ? undefined : catalogConfigFrom(data.catalog, file),
    scorecards: data.scorecards === undefined ? undefined : resolve(dirname(resolve(file)), data.scorecards),
  });
}

/**
 * The database the variable `database_url_env` names (see `storeLocation`); a URL of another scheme is refused at
 * that setting, naming the variable and the scheme, never the URL (it may hold a password).
 */
function databaseOf(
  name: string,
  env: HubConfigOptions["env"],
  dataDir: string,
  doc: ParsedHubFile["doc"],
  at: ParsedHubFile["at"],
): StoreLocation {
  try {
    return storeLocation(env[name], dataDir);
  } catch (error) {
    if (!(error instanceof DatabaseUrlError)) throw error;
    const path = ["database_url_env"];
    throw at(locate(doc.contents, path), path, `${name} is not a database the hub can use: ${error.message}`);
  }
}

/**
 * The `auth:` section, checked: token sign-in needs the admin token, oidc sign-in `public_url` and its client
 * secret, and a hub listening beyond loopback needs a section at all (written `auth: { mode: none }` to go without
 * sign-in, on purpose).
 */
function authOf(
  data: ParsedHubFile["data"],
  adminToken: string | undefined,
  env: HubConfigOptions["env"],
  doc: ParsedHubFile["doc"],
  at: ParsedHubFile["at"],
): HubAuth | undefined {
  const { auth } = data;
  if (auth === undefined) {
    if (isLoopbackHost(data.listen.host)) return undefined;
    const path = ["listen", "host"];
    throw at(
      locate(doc.contents, path),
      path,
      `the hub listens on ${data.listen.host}, beyond this machine, and its web UI has no sign-in: add auth: { mode: token } (sign in with the admin token), auth: { mode: oidc, issuer: <provider>, … } (sign in at your identity provider), auth: { mode: proxy, header: X-Forwarded-Email, trusted_proxies: [<proxy address>] }, or, knowingly, auth: { mode: none }`,
    );
  }
  if (auth.mode === "token" && adminToken === undefined) {
    const path = ["auth", "mode"];
    throw at(
      locate(doc.contents, path),
      path,
      `token sign-in takes the hub's admin token, and ${data.admin_token_env} is not set: set it to a token of at least ${MIN_TOKEN_LENGTH} characters`,
    );
  }
  if (auth.mode === "oidc") {
    const oidc = oidcAuthFrom(auth, env, data.public_url);
    if ("mode" in oidc) return oidc;
    // A missing public_url has no line of its own: point at the section that needs it.
    const line = locate(doc.contents, oidc.path[0] === "auth" ? oidc.path : ["auth", "mode"]);
    throw at(line, oidc.path, oidc.problem);
  }
  if (auth.mode === "proxy" && (auth.private_incidents?.groups?.length ?? 0) > 0 && !auth.groups_header) {
    const path = ["auth", "private_incidents", "groups"];
    throw at(
      locate(doc.contents, path),
      path,
      "groups need the header the proxy lists a person's groups in: add groups_header: X-Forwarded-Groups (oauth2-proxy; Pomerium: X-Pomerium-Claim-Groups), or name people by email",
    );
  }
  return auth.mode === "proxy"
    ? {
        mode: "proxy",
        header: auth.header.toLowerCase(),
        trustedProxies: auth.trusted_proxies,
        ...(auth.groups_header ? { groupsHeader: auth.groups_header.toLowerCase() } : {}),
        ...privateIncidentsFrom(auth.private_incidents),
      }
    : { mode: auth.mode };
}

function dataDirOf(configured: string | undefined, file: string, dataDir: string): string {
  return configured === undefined ? join(dataDir, "hub") : resolve(dirname(resolve(file)), configured);
}

/** Reads and checks a hub config file's text; every problem names the file, line and setting at fault. */
export function loadHubConfig(text: string, file: string, options: HubConfigOptions): HubConfig {
  const { data, doc, at } = parseHubFile(text, file);
  const base = dirname(resolve(file));
  /**
   * A bearer token from the variable `name`, trimmed; undefined when unset or blank. One shorter than
   * `MIN_TOKEN_LENGTH` is refused at `path`: it could be guessed; so is one no request could carry.
   */
  const tokenOf = (path: Path, name: string): string | undefined => {
    const token = options.env[name]?.trim();
    if (!token) return undefined;
    if (token.length < MIN_TOKEN_LENGTH) {
      throw at(
        locate(doc.contents, path),
        path,
        `${name} holds a token of ${token.length} characters: use at least ${MIN_TOKEN_LENGTH} (e.g. openssl rand -hex 24)`,
      );
    }
    if (!BEARER_TOKEN_SYNTAX.test(token)) {
      throw at(locate(doc.contents, path), path, `${name} ${BEARER_TOKEN_FIX}`);
    }
    return token;
  };
  const sources = Object.entries(data.sources).map(([name, source]): HubSource => {
    const path = ["sources", name, "token_env"];
    const token = tokenOf(path, source.token_env);
    if (token === undefined) {
      throw at(
        locate(doc.contents, path),
        path,
        `${source.token_env} is not set: set it to the source's bearer token`,
      );
    }
    return {
      name,
      format: source.format,
      tokenEnv: source.token_env,
      token,
      maxAlerts: source.max_alerts,
      maxBodyBytes: source.max_body,
    };
  });
  const adminToken = tokenOf(["admin_token_env"], data.admin_token_env);
  const signingSecret = (path: Path, name: string, whose: string): string => {
    const secret = options.env[name]?.trim();
    if (!secret) {
      throw at(
        locate(doc.contents, path),
        path,
        `${name} is not set: set it to the signing secret (whsec_…) of ${whose} endpoint in incident.io's webhook settings`,
      );
    }
    if (!secret.startsWith("whsec_")) {
      throw at(
        locate(doc.contents, path),
        path,
        `${name} does not hold a signing secret: incident.io's start with whsec_`,
      );
    }
    return secret;
  };
  let webhookSecret: string | undefined;
  let accountWebhookSecrets: Record<string, string> | undefined;
  if (data.webhooks !== undefined) {
    webhookSecret = signingSecret(["webhooks", "secret_env"], data.webhooks.secret_env, "the hub's");
    const accounts = Object.entries(data.webhooks.accounts ?? {});
    if (accounts.length > 0) {
      accountWebhookSecrets = Object.fromEntries(
        accounts.map(([alias, account]) => [
          alias,
          signingSecret(
            ["webhooks", "accounts", alias, "secret_env"],
            account.secret_env,
            `account ${alias}'s`,
          ),
        ]),
      );
    }
  }
  const secretOf = (setting: "token_env" | "github_secret_env", what: string): string | undefined => {
    const name = data.changes?.[setting];
    if (name === undefined) return undefined;
    const value = setting === "token_env" ? tokenOf(["changes", setting], name) : options.env[name]?.trim();
    if (!value) {
      const path = ["changes", setting];
      throw at(locate(doc.contents, path), path, `${name} is not set: set it to ${what}`);
    }
    return value;
  };
  let slack: SlackConfig | undefined;
  if (data.slack !== undefined) {
    try {
      slack = slackConfigFrom(data.slack, options.env);
    } catch (error) {
      const setting = (error as { setting?: string }).setting ?? "slack";
      const path = setting.split(".");
      throw at(locate(doc.contents, path), path, (error as { problem?: string }).problem ?? String(error));
    }
  }
  const changesToken = secretOf("token_env", "the bearer token deploy pipelines send to POST /changes");
  const githubSecret = secretOf("github_secret_env", "the secret of the hub's webhook in GitHub");
  const metricsToken = data.metrics && tokenOf(["metrics", "token_env"], data.metrics.token_env);
  if (data.metrics && metricsToken === undefined) {
    const path = ["metrics", "token_env"];
    throw at(
      locate(doc.contents, path),
      path,
      `${data.metrics.token_env} is not set: set it to the bearer token Prometheus sends (its scrape config's authorization.credentials)`,
    );
  }
  const dataDir = dataDirOf(data.data_dir, file, options.dataDir);
  const auth = authOf(data, adminToken, options.env, doc, at);
  // A setting the file leaves out is absent from the config, not there as undefined.
  return withoutUndefined({
    file,
    listen: data.listen,
    auth,
    publicUrl: data.public_url === undefined ? undefined : new URL(data.public_url).origin,
    dataDir,
    database: databaseOf(data.database_url_env, options.env, dataDir, doc, at),
    rateLimit: rateLimitOf(data.rate_limit_per_minute),
    rulesFile: resolve(base, data.rules),
    account: data.account,
    sources,
    adminTokenEnv: data.admin_token_env,
    adminToken,
    metricsToken,
    catalog: data.catalog === undefined ? undefined : catalogConfigFrom(data.catalog, file),
    scorecards: data.scorecards === undefined ? undefined : resolve(base, data.scorecards),
    scorecardRunsEveryMs: data.scorecard_runs_every ?? DEFAULT_SCORECARD_RUNS_EVERY_MS,
    webhookSecret,
    accountWebhookSecrets,
    mirror: {
      enabled: data.mirror.enabled,
      reconcileEveryMs: data.mirror.reconcile_every ?? DEFAULT_RECONCILE_EVERY_MS,
    },
    alerts: {
      retentionMs: data.alerts.retention ?? DEFAULT_RETENTION_MS,
    },
    ...investigationSettings(data, doc, at),
    slack,
    changes:
      data.changes === undefined
        ? undefined
        : withoutUndefined({
            token: changesToken,
            tokenEnv: changesToken === undefined ? undefined : data.changes.token_env,
            githubSecret,
            productionEnvironments: data.changes.production_environments,
          }),
  });
}

/** A bucket of `perMinute` requests that refills over a minute. */
export function rateLimitOf(perMinute: number): RateLimitSetting {
  return { capacity: perMinute, refillPerSecond: perMinute / 60 };
}

type HubFile = ReturnType<typeof parseHubFile>;

/** The `investigations:` and `priorities:` sections, checked: Slack publishing needs a `slack:` section. */
function investigationSettings(
  data: HubFile["data"],
  doc: HubFile["doc"],
  at: HubFile["at"],
): { investigations?: InvestigationsConfig; priorities?: PriorityMapping } {
  if (data.investigations?.publish.slack && data.slack === undefined) {
    const path = ["investigations", "publish", "slack"];
    throw at(
      locate(doc.contents, path),
      path,
      "publishing to Slack needs a slack: section (webhook_url_env, or bot_token_env with channel)",
    );
  }
  let priorities: PriorityMapping | undefined;
  if (data.priorities !== undefined) {
    try {
      priorities = parsePriorityConfig(data.priorities);
    } catch (error) {
      throw at(locate(doc.contents, ["priorities"]), ["priorities"], (error as Error).message);
    }
  }
  return withoutUndefined({
    investigations:
      data.investigations === undefined ? undefined : investigationsConfigFrom(data.investigations),
    priorities,
  });
}
