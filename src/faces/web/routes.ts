import { type Context, Hono } from "hono";
import type { Activity } from "../../shared/activity.js";
import { type Clock, systemClock } from "../../shared/clock.js";
import { wantsHtml } from "../../shared/negotiate.js";
import { SCRIPT, STYLESHEET } from "./assets.js";
import { perClientLimit } from "./client-limit.js";
import { Signer } from "./csrf.js";
import { errorView } from "./error-view.js";
import { hostCheck } from "./host-check.js";
import type { WebData } from "./model.js";
import { PageCache, sendCachedPage } from "./page-cache.js";
import { AlertsPage } from "./pages/alerts.js";
import { AnalyticsPage } from "./pages/analytics.js";
import { CatalogPage } from "./pages/catalog.js";
import { ChangesPage } from "./pages/changes.js";
import { ErrorPage } from "./pages/error.js";
import { IncidentPage } from "./pages/incident.js";
import { IncidentsPage } from "./pages/incidents.js";
import { MessagePage } from "./pages/message.js";
import { NotFoundPage } from "./pages/not-found.js";
import { ServicesPage } from "./pages/services.js";
import { SyncPage } from "./pages/sync.js";
import { incidentFilters } from "./query.js";
import { PAGE_HEADERS, sendPage } from "./respond.js";
import { serviceRoutes } from "./service-routes.js";
import { signInRoutes, type WebAuth } from "./sign-in.js";
import { uiGate } from "./ui-gate.js";
import { seesPrivate } from "./viewer.js";

export interface WebOptions {
  /** The clock relative times are measured from, and form tokens expire by. */
  clock?: Clock;
  /** The key form tokens and flashes are signed with; a random one per process unless given. */
  secret?: Uint8Array;
  /**
   * The hub's public address (`public_url`, e.g. behind an HTTPS proxy): the only name besides localhost the UI
   * answers to, and an origin its forms may be posted from.
   */
  publicUrl?: string | undefined;
  /** Who may use the UI (`auth` in hub.yaml); absent: anyone who reaches it (a hub on loopback, or `auth: none`). */
  auth?: WebAuth;
  /** Told of every error that stopped a page from being built (for the hub's log). */
  /** Given the request when the failure happened while answering one. */
  onError?: (error: Error, c?: Context) => void;
  /** Work pages give way to: the hub's alert intake (see `uiGate`). */
  givesWayTo?: Activity;
}

/**
 * Every path the UI answers (the API's routes beside them keep their own tokens and signatures), each matched
 * once per request: `/incidents/*` also matches `/incidents` itself.
 */
const UI_PATHS = [
  "/",
  "/assets/*",
  "/services/*",
  "/incidents/*",
  "/analytics",
  "/sync",
  "/alerts",
  "/changes",
  "/catalog",
] as const;

/**
 * Where the hub's API answers beside the UI: an address under these that no route takes keeps the plain 404 an
 * API client expects, even when a browser asks (`/alerts` and `/changes` themselves are pages as well).
 */
const API_PREFIXES = ["/alerts/", "/changes/", "/webhooks", "/mcp", "/healthz", "/metrics"] as const;

const SIGN_IN_PATHS = ["/sign-in", "/sign-in/callback", "/sign-out"] as const;
/** Pages built at once; the rest wait (see ui-gate.ts), at most `UI_QUEUE` of them. */
const UI_CONCURRENCY = 2;
const UI_QUEUE = 256;

/** Each address's pages when there is no sign-in: a burst of 30, then 5 a second. */
const PAGES_PER_CLIENT = { capacity: 30, refillPerSecond: 5 };
/** Each address's tries at the sign-in form: 10, then one every 6 seconds. */
const SIGN_IN_ATTEMPTS_PER_CLIENT = { capacity: 10, refillPerSecond: 1 / 6 };

/**
 * The analytics page may be kept by the browser, which must ask the hub before each use (`no-cache`, where other
 * pages say `no-store`): so a reload costs a 304 rather than the page. It holds figures over public incidents
 * only (no incident's name, summary or link), the viewer's browser alone may keep it (`private`), and a browser
 * signed out that asks for it again is sent to sign in rather than shown what it kept (its Back button may still
 * show the figures last seen, which is why pages naming incidents stay `no-store`).
 */
const ANALYTICS_HEADERS = { ...PAGE_HEADERS, "cache-control": "private, no-cache" };

const ASSET_HEADERS = { "cache-control": "public, max-age=300", "x-content-type-options": "nosniff" };

/** How many alerts the alert history shows unless asked: whole, 1 to 1000. */
function alertLimit(value: string | undefined): number {
  const limit = Number(value);
  return Number.isSafeInteger(limit) ? Math.min(1000, Math.max(1, limit)) : 50;
}

/**
 * The web UI, to mount at `/`: the services list (`/`), service pages with the declare form
 * (`/services/:ref`), `/incidents`, incident pages (`/incidents/:id`), `/analytics`, `/sync`, `/alerts`,
 * `/catalog` and `/assets/`. Server-rendered; every page reads `data` afresh.
 */
export function webRoutes(data: WebData, options: WebOptions = {}): Hono {
  const app = new Hono();
  const clock = options.clock ?? systemClock;
  const signer = new Signer(options.secret);
  const analyticsPages = new PageCache();
  const known = hostCheck(options.publicUrl);
  const gate = uiGate(UI_CONCURRENCY, UI_QUEUE, options.givesWayTo);
  // Without sign-in, anyone who reaches the hub may ask for its costliest pages: each address a share.
  const perClient = options.auth ? [] : [perClientLimit(PAGES_PER_CLIENT, clock, "pages")];
  for (const path of UI_PATHS) app.use(path, known, ...(path === "/assets/*" ? [] : perClient), gate);
  for (const path of SIGN_IN_PATHS) app.use(path, known, gate);
  // Guessing the admin token at the sign-in form: a few tries a minute per address.
  app.post("/sign-in", perClientLimit(SIGN_IN_ATTEMPTS_PER_CLIENT, clock, "sign-in attempts"));
  const allowedOrigins = options.publicUrl === undefined ? [] : [new URL(options.publicUrl).origin];
  if (options.auth) {
    const guarded = UI_PATHS.filter((path) => path !== "/assets/*");
    signInRoutes(app, options.auth, {
      signer,
      clock,
      paths: guarded,
      allowedOrigins,
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }

  app.get("/assets/style.css", (c) =>
    c.body(STYLESHEET, 200, { ...ASSET_HEADERS, "content-type": "text/css; charset=utf-8" }),
  );
  app.get("/assets/app.js", (c) =>
    c.body(SCRIPT, 200, { ...ASSET_HEADERS, "content-type": "text/javascript; charset=utf-8" }),
  );

  app.get("/", async (c) => sendPage(c, ServicesPage({ model: await data.services() })));
  // The services list is the home page; `/services` is where a person looks for it.
  app.get("/services", (c) => c.redirect("/", 301));

  serviceRoutes(app, data, { clock, signer, allowedOrigins });

  app.get("/incidents", async (c) => {
    const { filters, problems } = incidentFilters((name) => c.req.query(name));
    const model = await data.incidents(filters, { private: seesPrivate(c) });
    return sendPage(c, IncidentsPage({ model, now: clock.now(), problems }));
  });

  app.get("/incidents/:id", async (c) => {
    const id = c.req.param("id");
    const model = data.incident ? await data.incident(id, { private: seesPrivate(c) }) : undefined;
    // A private incident the viewer may not see gets this same answer: its existence is not given away.
    if (!model) {
      return sendPage(
        c,
        MessagePage({
          title: "No such incident",
          section: "incidents",
          children: `The hub's mirror has no incident “${id}”. Incidents are named by ID, reference (INC-123) or number; one declared moments ago shows after the next sync (see the Sync page).`,
        }),
        404,
      );
    }
    return sendPage(c, IncidentPage({ model, now: clock.now() }));
  });

  app.get("/analytics", async (c) => {
    if (!data.analytics) {
      return sendPage(
        c,
        MessagePage({
          title: "No analytics",
          section: "analytics",
          children: "This hub keeps no incidents to analyse.",
        }),
        404,
      );
    }
    const model = await data.analytics({
      since: c.req.query("since"),
      by: c.req.query("by"),
      account: c.req.query("account"),
    });
    // The model is the same object for the same question until an incident changes: so is its page.
    return sendCachedPage(c, analyticsPages, model, () => AnalyticsPage({ model }), ANALYTICS_HEADERS);
  });

  app.get("/sync", async (c) => sendPage(c, SyncPage({ model: await data.sync(), now: clock.now() })));

  app.get("/catalog", async (c) => {
    if (!data.catalogReport) {
      return sendPage(
        c,
        MessagePage({ title: "No catalog", section: "catalog", children: "This hub reads no catalog." }),
        404,
      );
    }
    return sendPage(c, CatalogPage({ model: await data.catalogReport() }));
  });

  // Reached by browsers only: the changes API answers every other request for /changes (see changeRoutes).
  app.get("/changes", async (c) => {
    if (!data.changes) {
      return sendPage(
        c,
        MessagePage({ title: "No changes", section: "changes", children: "This hub records no changes." }),
        404,
      );
    }
    const model = await data.changes({ service: c.req.query("service"), since: c.req.query("since") });
    return sendPage(c, ChangesPage({ model, now: clock.now() }));
  });

  app.get("/alerts", async (c) => {
    const source = c.req.query("source")?.trim() || null;
    const model = await data.alerts(
      { source, limit: alertLimit(c.req.query("limit")) },
      { private: seesPrivate(c) },
    );
    return sendPage(c, AlertsPage({ model, now: clock.now() }));
  });

  // Last: any other address a browser asks for gets a page with the way back, not bare text.
  app.get("*", async (c, next) => {
    const path = c.req.path;
    if (!wantsHtml(c) || API_PREFIXES.some((prefix) => path.startsWith(prefix))) return next();
    return sendPage(c, NotFoundPage({ path }), 404);
  });

  app.onError((error, c) => {
    const view = errorView(error);
    // A page asked for something that is not there or not valid (400, 404): the person is told, the hub is sound.
    if (view.status >= 500) options.onError?.(error, c);
    return sendPage(c, ErrorPage({ view }), view.status);
  });

  return app;
}
