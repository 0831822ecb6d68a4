import type { Context } from "hono";
import { Hono } from "hono";
import { alertDetailJson } from "../../alerts/alert-json.js";
import { detectFormat, parseAlerts } from "../../alerts/intake/index.js";
import { alertDetail } from "../../alerts/queries.js";
import { recordRefusal } from "../../alerts/refusals.js";
import { requireBearer, UNAUTHORIZED_HEADERS } from "../../shared/bearer.js";
import { bearerToken, oneOfTokens, tokensEqual } from "../../shared/bearer-token.js";
import { formatByteSize } from "../../shared/byte-size.js";
import { readBody } from "../../shared/read-body.js";
import { requestIdFor } from "../../shared/request-id.js";
import type { HubSource } from "../config.js";
import type { HubContext } from "../context.js";
import { requestFields } from "../log.js";
import { type IntakeVariables, intakeAnswer } from "./intake-answer.js";

/** How many alerts a body carries, before it is parsed: `alerts[]`'s length, else one. */
function alertCount(body: unknown): number {
  const alerts =
    typeof body === "object" && body !== null ? (body as { alerts?: unknown }).alerts : undefined;
  return Array.isArray(alerts) ? alerts.length : 1;
}

/** How long an alert body may take to arrive: a 10 MiB notification at 350 KB/s, a trickle no longer. */
const ALERT_BODY_TIMEOUT_MS = 30_000;

/** What the routes learn of a request before its handler: who may read an alert. */
interface AlertsEnv {
  Variables: IntakeVariables & {
    /** Whether the token is the admin token, and the sources whose token it is. */
    reader: { admin: boolean; sources: HubSource[] };
  };
}

/**
 * `POST /alerts/:source` takes alerts with the source's bearer token. It is the hub's busiest route, so it is
 * mounted ahead of the hub's middleware and answers with `intakeAnswer` (see intake-answer.ts).
 *
 * A request refused whole — over the source's `max_body` or `max_alerts`, or unreadable — is answered 413 or 400
 * and leaves a trace: a row in the intake refusals `alerts history` shows, a metric and a log line naming the
 * source, since senders such as Alertmanager never retry a 4xx.
 */
export function intakeRoutes(hub: HubContext): Hono<AlertsEnv> {
  const app = new Hono<AlertsEnv>();
  const sources = new Map(hub.config.sources.map((source) => [source.name, source]));
  const refuse = async (
    c: Context,
    source: HubSource,
    status: 400 | 408 | 413,
    reason: string,
    counts: { bytes?: number | undefined; alerts?: number | undefined },
    body: object = { error: reason },
  ) => {
    hub.metrics.intakeRefused.inc({ source: source.name, status: String(status) });
    // A warning, not an error: the hub is sound, the sender is not (and its alerts are lost unless someone looks).
    hub.log.warn(
      { job: "request", ...requestFields(c), source: source.name, status },
      `refused a request to source ${source.name} (${status}): ${reason}`,
    );
    await recordRefusal(
      hub.store,
      { source: source.name, httpStatus: status, reason, ...counts },
      new Date(hub.clock.now()),
    );
    return intakeAnswer(c, body, status);
  };

  /** The alerts of a request to `source`, its token checked: read, parsed, accepted, answered. */
  const takeAlerts = async (c: Context<AlertsEnv>, source: HubSource) => {
    const started = performance.now();
    const read = await readBody(c, source.maxBodyBytes, ALERT_BODY_TIMEOUT_MS);
    // The rest of the body is never read, so the connection cannot carry another request.
    if (!read.ok) c.set("closeConnection", true);
    if (!read.ok && read.reason === "too_slow") {
      return refuse(
        c,
        source,
        408,
        `the body did not arrive within ${ALERT_BODY_TIMEOUT_MS / 1000} s: check the network between the sender and the hub`,
        {},
      );
    }
    if (!read.ok) {
      return refuse(
        c,
        source,
        413,
        `the body is larger than source ${source.name}'s max_body (${formatByteSize(source.maxBodyBytes)}): raise max_body in the hub config, or lower the sender's max_alerts`,
        { bytes: read.bytes },
      );
    }
    const { text, bytes } = read;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return refuse(
        c,
        source,
        400,
        "the body is not valid JSON",
        { bytes },
        {
          errors: [{ field: "body", message: "is not valid JSON" }],
        },
      );
    }
    const count = alertCount(body);
    if (count > source.maxAlerts) {
      return refuse(
        c,
        source,
        413,
        `the notification has ${count} alerts, more than source ${source.name}'s max_alerts (${source.maxAlerts}): raise max_alerts in the hub config, or set the sender's max_alerts lower`,
        { bytes, alerts: count },
      );
    }
    const format = source.format === "auto" ? detectFormat(body) : source.format;
    const parsed = parseAlerts(format, source.name, body);
    if (!parsed.ok) {
      const listed = parsed.errors.slice(0, 3).map((error) => `${error.field}: ${error.message}`);
      return refuse(
        c,
        source,
        400,
        `not a ${format} body: ${listed.join("; ")}`,
        { bytes, alerts: count },
        { errors: parsed.errors },
      );
    }
    const accepted = await hub.intake.accept({
      source: source.name,
      format,
      events: parsed.events,
      sent: parsed.sent,
      ...(parsed.notification ? { notification: parsed.notification } : {}),
    });
    for (const alert of accepted)
      hub.metrics.alertsReceived.inc({ source: source.name, decision: alert.decision });
    hub.metrics.intakeSeconds.observe({ source: source.name }, (performance.now() - started) / 1000);
    if (accepted.some((alert) => alert.enqueued !== undefined)) hub.nudge();
    return intakeAnswer(
      c,
      {
        alerts: accepted.map((alert) => ({
          id: alert.id,
          decision: alert.decision,
          reason: alert.reason,
          group_key: alert.groupKey,
        })),
      },
      202,
    );
  };

  // One handler, not a chain of middleware: each link costs this busiest route a few percent of its time.
  app.post("/:source", async (c) => {
    c.set("requestId", requestIdFor(c.req.header("x-request-id")));
    // Every alert request, from its first byte to its answer, is intake under way: the web UI's pages wait for it.
    const end = hub.intakeActivity.begin();
    try {
      const source = sources.get(c.req.param("source"));
      if (!source) return intakeAnswer(c, { error: `unknown source "${c.req.param("source")}"` }, 404);
      const token = bearerToken(c.req.header("authorization"));
      if (token === undefined || !tokensEqual(token, source.token)) {
        // Counted, so a sender with a wrong token (whose pages are lost: senders never retry a 4xx) shows on the
        // metrics; not recorded, so a stranger's requests cannot fill the database.
        hub.metrics.intakeRefused.inc({ source: source.name, status: "401" });
        return intakeAnswer(
          c,
          { error: "a valid bearer token for this source is required" },
          401,
          UNAUTHORIZED_HEADERS,
        );
      }
      return await takeAlerts(c, source);
    } finally {
      end();
    }
  });
  return app;
}

/**
 * `GET /alerts/:id` shows one alert to the admin token (any alert) or to its own source's token (that source's
 * alerts only); any other alert is 404. Mounted behind the hub's middleware, as every route but intake.
 *
 * The group's incident is shown whole, even a private one, unlike on the web UI's alerts page: a source's token
 * sent the alert, and its groups are its own (their keys start with the source), so the incident is the one its
 * alerts opened or named; the admin token already reaches incident.io through the hub's key (`/mcp`), which reads
 * whatever private incidents that key may. Neither learns what it could not learn anyway.
 */
export function alertReadRoutes(hub: HubContext): Hono<AlertsEnv> {
  const app = new Hono<AlertsEnv>();

  const readerAuth = requireBearer<AlertsEnv>({
    accepts: (token, c) => {
      // Every source's token is compared (filter, not find), so the timing does not say whose it is.
      const reader = {
        admin: oneOfTokens(token, [hub.config.adminToken]),
        sources: hub.config.sources.filter((source) => tokensEqual(token, source.token)),
      };
      c.set("reader", reader);
      return reader.admin || reader.sources.length > 0;
    },
    refuse: (c) =>
      c.json({ error: "the admin token or a source's token is required" }, 401, UNAUTHORIZED_HEADERS),
  });
  app.get("/:id", readerAuth, async (c) => {
    const { admin, sources: own } = c.get("reader");
    const detail = await alertDetail(hub.store, c.req.param("id"));
    if (!detail || (!admin && !own.some((source) => source.name === detail.alert.source))) {
      return c.json({ error: "no such alert" }, 404);
    }
    return c.json(alertDetailJson(detail));
  });
  return app;
}
