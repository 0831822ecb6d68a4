import type { Context } from "hono";
import { Hono } from "hono";
import { except } from "hono/combine";
import { CHANGE_CLIENT_HEADER, changeJson } from "../../investigate/changes/change.js";
import type { ChangeDirectory } from "../../investigate/changes/correlate.js";
import { ProductionEnvironments } from "../../investigate/changes/environments.js";
import {
  changeFromGithub,
  GITHUB_EVENT_HEADER,
  GITHUB_SIGNATURE_HEADER,
  githubSignatureValid,
} from "../../investigate/changes/github.js";
import { type FieldError, parseChangeBody } from "../../investigate/changes/input.js";
import { listChanges } from "../../investigate/changes/queries.js";
import { type Recorded, recordChange } from "../../investigate/changes/record.js";
import { ServiceNames } from "../../investigate/changes/services.js";
import { requireBearer, UNAUTHORIZED_HEADERS } from "../../shared/bearer.js";
import { oneOfTokens } from "../../shared/bearer-token.js";
import type { Clock } from "../../shared/clock.js";
import { DURATION_HINT, parseDuration } from "../../shared/duration.js";
import { wantsHtml } from "../../shared/negotiate.js";
import { readBody } from "../../shared/read-body.js";
import type { Store } from "../../store/index.js";

export interface ChangeRoutesOptions {
  store: Store;
  /** The catalog, to normalise services to entity refs; without it, services are kept as sent. */
  directory?: Pick<ChangeDirectory, "catalog">;
  /** The token deploy pipelines send (`changes.token_env`). */
  token?: string | undefined;
  /** The hub's admin token, which may do anything the changes token may. */
  adminToken?: string | undefined;
  /** The GitHub webhook's secret (`changes.github_secret_env`); without it `POST /changes/github` is refused. */
  githubSecret?: string | undefined;
  /** Which environments are production (`changes.production_environments`); production, prod and live unless told. */
  productionEnvironments?: readonly string[] | undefined;
  clock: Clock;
}

/** Far larger than any change; GitHub's deployment_status deliveries are a few tens of kilobytes. */
const MAX_BODY_BYTES = 512 * 1024;
/** How long a body may take to arrive: a pipeline or GitHub sends it at once; a trickle is an attack. */
const BODY_TIMEOUT_MS = 10_000;
const DEFAULT_LIST_LIMIT = 100;
const MAX_LIST_LIMIT = 1000;

/**
 * The change feed, to mount at `/changes`:
 *
 * - `POST /changes` records a change (bearer token: the changes token or the admin token): 201 with the change,
 *   200 with the change already recorded under the same `external_id`, 400 naming each field at fault, 401.
 *   A change may name the repository it was deployed from (`owner/name`) beside or instead of its service, and
 *   the environment it went to (judged production or not by `productionEnvironments`, unless `production` says).
 * - `POST /changes/github` takes GitHub `deployment_status` webhooks, verified by `X-Hub-Signature-256` against
 *   the configured secret (401 when missing or forged): 201/200 as above, 202 for deliveries that are not
 *   changes (other events, unsuccessful states) with the reason.
 * - `GET /changes?service=&since=&limit=` lists changes, newest first (same tokens); `service` is any spelling of
 *   the service (ref, name or title), `since` a duration back from now (`24h`, `7d`) or an ISO 8601 time. A
 *   browser's request (HTML preferred to JSON, no token) is passed on to the next handler: the hub's web UI
 *   answers it with a page of the same list.
 */
export function changeRoutes(options: ChangeRoutesOptions): Hono {
  const { store, clock } = options;
  const names = new ServiceNames(options.directory?.catalog.entities ?? []);
  const environments = new ProductionEnvironments(options.productionEnvironments);
  const tokens = [options.token, options.adminToken].filter((token): token is string => !!token);
  const app = new Hono();
  /** The body, read only after the caller's credentials were checked: capped, and given 10 s to arrive. */
  const bodyOf = async (c: Context): Promise<{ text: string } | { refused: Response }> => {
    const read = await readBody(c, MAX_BODY_BYTES, BODY_TIMEOUT_MS);
    if (read.ok) return { text: read.text };
    // The rest of the body was never read: the connection cannot carry another request.
    c.header("connection", "close");
    return {
      refused:
        read.reason === "too_slow"
          ? c.json({ error: `the body did not arrive within ${BODY_TIMEOUT_MS / 1000} s` }, 408)
          : c.json({ error: `the body is larger than ${MAX_BODY_BYTES} bytes` }, 413),
    };
  };

  const authorised = requireBearer({
    accepts: (given) => oneOfTokens(given, tokens),
    refuse: (c) =>
      c.json(
        {
          error:
            tokens.length > 0
              ? "a valid bearer token is required: the hub's changes token or its admin token"
              : "this hub takes no changes yet: set changes.token_env in its config (or its admin token) and restart it",
        },
        401,
        UNAUTHORIZED_HEADERS,
      ),
  });
  /** A browser opening /changes: it asks for HTML and sends no token. */
  const browser = (c: Context) => c.req.header("authorization") === undefined && wantsHtml(c);
  const answer = (c: Context, recorded: Recorded) =>
    recorded.created
      ? c.json({ change: changeJson(recorded.change) }, 201)
      : c.json({ change: changeJson(recorded.change), duplicate: true }, 200);

  app.post("/", authorised, async (c) => {
    const read = await bodyOf(c);
    if ("refused" in read) return read.refused;
    const body = parseJson(read.text);
    if (!body.ok) return c.json({ errors: body.errors }, 400);
    const parsed = parseChangeBody(body.value, clock.now(), environments);
    if (!parsed.ok) return c.json({ errors: parsed.errors }, 400);
    const source = c.req.header(CHANGE_CLIENT_HEADER) === "cli" ? "cli" : "api";
    return answer(c, await recordChange(store, parsed.input, { source, clock, names }));
  });

  app.post("/github", async (c) => {
    const secret = options.githubSecret;
    if (secret === undefined) {
      return c.json(
        {
          error:
            "this hub takes no GitHub webhooks: set changes.github_secret_env in its config and restart it",
        },
        404,
      );
    }
    const signature = c.req.header(GITHUB_SIGNATURE_HEADER);
    const mismatch = {
      error: "the X-Hub-Signature-256 header is missing or does not match: check the webhook's secret",
    };
    // Without a signature the body is never read.
    if (!signature?.startsWith("sha256=")) {
      c.header("connection", "close");
      return c.json(mismatch, 401);
    }
    const read = await bodyOf(c);
    if ("refused" in read) return read.refused;
    const raw = read.text;
    if (!githubSignatureValid(raw, signature, secret)) return c.json(mismatch, 401);
    const event = c.req.header(GITHUB_EVENT_HEADER);
    if (event === "ping") return c.json({ ok: true }, 200);
    const body = parseJson(raw);
    if (!body.ok) return c.json({ errors: body.errors }, 400);
    const delivery = changeFromGithub(event, body.value, environments);
    if (delivery.kind === "ignored") return c.json({ ignored: delivery.reason }, 202);
    if (delivery.kind === "invalid") return c.json({ errors: delivery.errors }, 400);
    return answer(c, await recordChange(store, delivery.input, { source: "github", clock, names }));
  });

  app.get("/", except(browser, authorised), async (c, next) => {
    // A browser's request is passed on: the web UI's page answers.
    if (browser(c)) return next();
    const errors: FieldError[] = [];
    const service = c.req.query("service")?.trim();
    const from = sinceOf(c.req.query("since"), clock.now(), errors);
    const count = limitOf(c.req.query("limit"), errors);
    if (errors.length > 0) return c.json({ errors }, 400);
    const changes = await listChanges(store, {
      ...(service ? { services: names.aliases(service) } : {}),
      from,
      limit: count,
    });
    return c.json({ changes: changes.map(changeJson) });
  });
  return app;
}

type Parsed = { ok: true; value: unknown } | { ok: false; errors: FieldError[] };

function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, errors: [{ field: "body", message: "is not valid JSON" }] };
  }
}

/** `since`: a duration back from now (`24h`) or an ISO 8601 date-time; undefined when not given. */
export function sinceOf(raw: string | undefined, now: number, errors: FieldError[]): string | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const duration = parseDuration(raw);
  if (duration !== undefined) return new Date(now - duration).toISOString();
  const at = /^\d{4}-\d{2}-\d{2}/.test(raw.trim()) ? Date.parse(raw.trim()) : Number.NaN;
  if (!Number.isNaN(at)) return new Date(at).toISOString();
  errors.push({
    field: "since",
    message: `${DURATION_HINT}, or an ISO 8601 date-time`,
  });
  return undefined;
}

function limitOf(raw: string | undefined, errors: FieldError[]): number {
  if (raw === undefined || raw.trim() === "") return DEFAULT_LIST_LIMIT;
  const value = Number(raw);
  if (Number.isInteger(value) && value >= 1 && value <= MAX_LIST_LIMIT) return value;
  errors.push({ field: "limit", message: `expected a whole number from 1 to ${MAX_LIST_LIMIT}` });
  return DEFAULT_LIST_LIMIT;
}
