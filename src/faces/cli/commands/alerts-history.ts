import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import { alertDetailJson, deliveryJson } from "../../../alerts/alert-json.js";
import { deliveryFocus } from "../../../alerts/delivery-state.js";
import type { AlertCalls } from "../../../alerts/queries.js";
import type { Config } from "../../../api/config.js";
import { IncidentKitError } from "../../../api/index.js";
import { globalsOf, outputFor } from "../client.js";
import { helpAfter, wholeNumber } from "../flags.js";
import { alertText, historyText, refusalsText } from "../output/alert-view.js";
import {
  hubDatabaseExists,
  hubDatabasePlace,
  hubStateSettings,
  openHubStore,
  requireHubAccount,
} from "./hub-directory.js";

export const HUB_CONFIG_HELP =
  "the hub's config file, whose database is read: data_dir, or DATABASE_URL (default: hub.yaml here, else the demo hub's, as `up` uses)";
export const DATA_DIR_HELP = "the hub's data directory, instead of the one its config names";

/** Requests refused whole shown beside the alerts: the newest few, since each is a notification lost. */
const REFUSALS_SHOWN = 10;

const DELIVERY_JSON = "{ kind, attempted_at, outcome, http_status, error_code, message, fix }";

/** Every attempt of an alert's calls, as `--json` prints them (the shape of `GET /alerts/<id>`). */
function deliveriesJson(calls: AlertCalls | undefined) {
  return (calls?.deliveries ?? []).map(deliveryJson);
}

export function registerAlertsHistory(alerts: CommandUnknownOpts, config: Config): void {
  alerts
    .command("history")
    .description(
      "The alerts the hub received, newest first: what the rules decided, the incident, and every attempt to deliver those whose delivery failed.",
    )
    .option("--limit <n>", "how many alerts to show (1-1000)", "20")
    .option("--source <name>", "only alerts from this intake source")
    .option("--config <file>", HUB_CONFIG_HELP)
    .option("--data-dir <dir>", DATA_DIR_HELP)
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit alerts history",
          "incidentkit alerts history --source prometheus --limit 50 --json",
          "incidentkit alerts history --config /etc/incidentkit/hub.yaml",
        ],
        `{ "alerts": [{ id, source, dedup_key, status, title, severity, received_at, decision, reason, rule, group_key, incident_reference, delivery: failed|waiting_for_key|retrying|pending|delivered|null, deliveries: [${DELIVERY_JSON}] }], "refusals": [{ received_at, source, http_status, reason, bytes, alerts }] }`,
      ),
    )
    .action(async (flags, command) => {
      const out = outputFor(config, globalsOf(command));
      const limit = wholeNumber("--limit", flags.limit, 1, 1000);
      const settings = await hubStateSettings(config, flags);
      if (!hubDatabaseExists(settings)) {
        out.emit(
          { alerts: [], refusals: [] },
          () => `No alerts yet: the hub has not run with ${hubDatabasePlace(settings)}.`,
        );
        return;
      }
      // Each alert's incident is shown whole, a private one too (unlike on the web UI's alerts page): whoever can
      // read the hub's database reads its mirror, private incidents and all.
      const { recentAlerts } = await import("../../../app/alert-history.js");
      const { recentRefusals } = await import("../../../alerts/refusals.js");
      const store = await openHubStore(settings);
      try {
        const asked = globalsOf(command).account;
        if (asked !== undefined) await requireHubAccount(settings, store, asked);
        const { alerts: rows, calls } = await recentAlerts(store, {
          limit,
          ...(flags.source ? { source: flags.source } : {}),
        });
        const alertsJson = rows.map((row) => ({
          id: row.id,
          source: row.source,
          dedup_key: row.dedupKey,
          status: row.status,
          title: row.title,
          severity: row.severity,
          received_at: row.receivedAt,
          decision: row.decision,
          reason: row.reason,
          rule: row.rule,
          group_key: row.groupKey,
          incident_reference: row.incidentReference,
          delivery: deliveryFocus(calls.get(row.id))?.state ?? null,
          deliveries: deliveriesJson(calls.get(row.id)),
        }));
        const refusals = await recentRefusals(store, {
          limit: REFUSALS_SHOWN,
          ...(flags.source ? { source: flags.source } : {}),
        });
        const refusalsJson = refusals.map(({ received_at, source, http_status, reason, bytes, alerts }) => ({
          received_at,
          source,
          http_status,
          reason,
          bytes,
          alerts,
        }));
        out.emit({ alerts: alertsJson, refusals: refusalsJson }, () =>
          [historyText(rows, calls, out), refusalsText(refusals)].filter(Boolean).join("\n\n"),
        );
      } finally {
        await store.close();
      }
    });
}

export function registerAlertsShow(alerts: CommandUnknownOpts, config: Config): void {
  alerts
    .command("show")
    .description(
      "One alert: what arrived, what the rules decided, its group and incident, and every delivery attempt.",
    )
    .argument("<alert-id>", "the alert's ID, as `alerts history --json` and the hub's intake answer give it")
    .option("--config <file>", HUB_CONFIG_HELP)
    .option("--data-dir <dir>", DATA_DIR_HELP)
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit alerts show 01J2Z8K3V4W5X6Y7Z8A9B0C1D2",
          "incidentkit alerts show 01J2Z8K3V4W5X6Y7Z8A9B0C1D2 --json",
        ],
        `{ "alert": { id, source, dedup_key, status, title, description, severity, labels, received_at, decision, reason, rule, group_key }, "group": { group_key, state, generation, incident_id, incident_reference, opened_at, resolved_at } | null, "delivery": state | null, "deliveries": [${DELIVERY_JSON}] }`,
      ),
    )
    .action(async (id, flags, command) => {
      const out = outputFor(config, globalsOf(command));
      const settings = await hubStateSettings(config, flags);
      const unknown = new IncidentKitError({
        code: "not_found",
        message: `no alert ${id} in the hub's database`,
        hint: "take the ID from `incidentkit alerts history`, and name the hub with --config or --data-dir if it is not this one",
      });
      if (!hubDatabaseExists(settings)) throw unknown;
      const { alertCalls, alertDetail } = await import("../../../alerts/queries.js");
      const store = await openHubStore(settings);
      try {
        const detail = await alertDetail(store, id.trim());
        if (!detail) throw unknown;
        const calls = (await alertCalls(store, [detail.alert])).get(detail.alert.id);
        out.emit(
          {
            ...alertDetailJson({ ...detail, deliveries: calls?.deliveries ?? [] }),
            delivery: deliveryFocus(calls)?.state ?? null,
          },
          () => alertText(detail, calls, out),
        );
      } finally {
        await store.close();
      }
    });
}
