import { join } from "node:path";
import type { HubConfig, HubSource } from "../../../hub/index.js";
import type { StoreLocation } from "../../../store/index.js";

export interface BannerInput {
  url: string;
  config: HubConfig;
  ruleCount: number;
  /** Where incidents go, from the upstream connection. */
  upstream: string[];
  /** The catalog's summary line (`catalog: 12 entities, 3 warnings, …`), when the hub reads one. */
  catalog?: string;
  /** Set for the demo hub, whose generated tokens are shown (it is local), with the file keeping them. */
  demo?: DemoBanner;
}

export interface DemoBanner {
  /** The file keeping the sources' tokens and the admin token. */
  tokensFile: string;
  /** Whether the admin token came from HUB_ADMIN_TOKEN rather than the file. */
  adminFromEnv: boolean;
}

/** The demo is usually run from a clone (`npm start`), where incidentkit is not on the PATH. */
export const DEMO_COMMAND = "npx incidentkit";

/**
 * An alert the `prod-critical` rule of the demo and of examples/rules.yaml opens an incident for, naming a
 * service the example catalog knows (a service incident.io does not know is left out, and the incident opens).
 */
const FIRING =
  '{"dedup_key":"db-down","status":"firing","title":"Database down","severity":"critical","labels":{"env":"production","service":"payments-api"}}';
const RESOLVED = '{"dedup_key":"db-down","status":"resolved"}';

/** What `incidentkit up` prints once it listens: where to send alerts, and commands to try. */
export function hubBanner(input: BannerInput): string[] {
  const { url, config, demo } = input;
  const sources = config.sources.map((source) => ({ ...source, endpoint: `${url}/alerts/${source.name}` }));
  // The example bodies are the generic format, so they go to a source that reads it.
  const generic = sources.find((source) => source.format === "generic" || source.format === "auto");
  // The demo's tokens are shown; a configured hub's stay in the variables they came from.
  const shown = (source: HubSource) =>
    demo || source.tokenEnv === undefined
      ? { bearer: source.token, label: `token ${source.token}` }
      : { bearer: `$${source.tokenEnv}`, label: `token from $${source.tokenEnv}` };
  const post = (source: HubSource & { endpoint: string }, body: string) => [
    `  curl -s -X POST "${source.endpoint}" -H "Authorization: Bearer ${shown(source).bearer}" \\`,
    `    -H "Content-Type: application/json" -d '${body}'`,
  ];
  const cli = demo ? DEMO_COMMAND : "incidentkit";
  return [
    `Open ${url}/ in a browser to see the services, their incidents and scorecards, alerts and sync status.`,
    `incidentkit hub listening on ${url}`,
    ...(demo
      ? [
          "Demo mode: no hub config was given and there is no hub.yaml here, so this is the built-in demo hub.",
        ]
      : []),
    `Rules: ${config.rulesFile} (${input.ruleCount} rules)`,
    `State: ${config.dataDir}`,
    `Database: ${describeDatabase(config.database)}`,
    ...(input.catalog ? [input.catalog] : []),
    ...input.upstream,
    "",
    demo ? `Sources (tokens generated for this local demo and kept in ${demo.tokensFile}):` : "Sources:",
    ...sources.map(
      (source) =>
        `  ${source.name.padEnd(14)} POST ${source.endpoint}  (${source.format}; ${shown(source).label})`,
    ),
    "",
    "Try it, in another terminal:",
    ...(generic ? post(generic, FIRING) : []),
    ...(demo && generic ? [`  ${cli} alerts history`, ...post(generic, RESOLVED)] : []),
    `  curl -s ${url}/healthz`,
    `  curl -s ${url}/metrics`,
    ...(demo ? [] : [`  ${cli} alerts history --config ${config.file}`]),
    ...(demo ? demoLines(url, config, demo) : []),
    "",
    "Press Ctrl+C to stop.",
  ];
}

/**
 * The demo's other commands, which find it by themselves (the CLI reads its data directory: see local-hub.ts), its
 * admin token with what it is for, and the way to a hub of one's own.
 */
function demoLines(url: string, config: HubConfig, demo: DemoBanner): string[] {
  const admin = demo.adminFromEnv
    ? "from $HUB_ADMIN_TOKEN"
    : `${config.adminToken ?? ""} (kept in ${demo.tokensFile})`;
  return [
    `  ${DEMO_COMMAND} incidents list`,
    `  ${DEMO_COMMAND} sync status`,
    `  ${DEMO_COMMAND} changes list`,
    "The CLI finds this hub, its emulator and its admin token by itself: the README's commands work here as written.",
    "",
    `Admin token ${admin}:`,
    `  for MCP clients at ${url}/mcp (Authorization: Bearer …), changes and any alert's detail.`,
    "",
    `To run your own hub: ${DEMO_COMMAND} init my-hub, then follow what it prints.`,
  ];
}

/**
 * The hub's database for people to read: "PostgreSQL at host:port/database" (never the user or password the URL
 * may hold), or "SQLite <file>".
 */
export function describeDatabase(location: StoreLocation): string {
  if ("memory" in location) return "SQLite in memory";
  if ("file" in location) return `SQLite ${location.file}`;
  if ("dataDir" in location) return `SQLite ${join(location.dataDir, "hub.sqlite")}`;
  try {
    const url = new URL(location.postgres);
    const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
    return `PostgreSQL at ${url.hostname || "localhost"}:${url.port || "5432"}/${database}`;
  } catch {
    return "PostgreSQL (DATABASE_URL)";
  }
}
