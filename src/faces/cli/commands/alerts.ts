import type { Command } from "commander";
import type { Config } from "../../../config.js";
import { declareIncident } from "../../../ops/index.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { helpAfter, wholeNumber } from "../flags.js";
import { renderTable } from "../output/table.js";
import { hubDatabaseExists, hubDatabasePlace, hubStateSettings, openHubStore } from "./hub-directory.js";

interface HistoryFlags {
  limit: string;
  source?: string;
  config?: string;
  dataDir?: string;
}

interface TestFlags {
  source?: string;
}

export function registerAlertsCommand(program: Command, config: Config): void {
  const alerts = program
    .command("alerts")
    .description("The alert hub's history, and a test alert.")
    .addHelpText("after", helpAfter(["incidentkit alerts history --limit 50", "incidentkit alerts test"]));

  alerts
    .command("history")
    .description("The alerts the hub received, newest first, with what the rules decided and the incident.")
    .option("--limit <n>", "how many alerts to show (1-1000)", "20")
    .option("--source <name>", "only alerts from this intake source")
    .option(
      "--config <file>",
      "the hub's config file, whose database is read: data_dir, or DATABASE_URL (default: hub.yaml here, else the demo hub's, as `up` uses)",
    )
    .option("--data-dir <dir>", "the hub's data directory, instead of the one its config names")
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit alerts history",
          "incidentkit alerts history --source prometheus --limit 50 --json",
          "incidentkit alerts history --config /etc/incidentkit/hub.yaml",
        ],
        '{ "alerts": [{ id, source, dedup_key, status, title, severity, received_at, decision, reason, rule, group_key, incident_reference }] }',
      ),
    )
    .action(async (flags: HistoryFlags, command: Command) => {
      const out = outputFor(config, globalsOf(command));
      const limit = wholeNumber("--limit", flags.limit, 1, 1000);
      const settings = await hubStateSettings(config, flags);
      if (!hubDatabaseExists(settings)) {
        out.emit(
          { alerts: [] },
          () => `No alerts yet: the hub has not run with ${hubDatabasePlace(settings)}.`,
        );
        return;
      }
      const { alertHistory } = await import("../../../alerts/queries.js");
      const store = await openHubStore(settings);
      try {
        const rows = await alertHistory(store, { limit, ...(flags.source ? { source: flags.source } : {}) });
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
        }));
        out.emit({ alerts: alertsJson }, () => {
          if (rows.length === 0) return "No alerts match.";
          return renderTable(
            ["RECEIVED", "SOURCE", "STATUS", "TITLE", "DECISION", "INCIDENT", "REASON"],
            rows.map((row) => [
              row.receivedAt.replace("T", " ").slice(0, 19),
              row.source,
              row.status,
              row.title,
              row.decision ?? "",
              row.incidentReference ?? "",
              row.reason ?? "",
            ]),
            { maxWidth: 60 },
          );
        });
      } finally {
        await store.close();
      }
    });

  alerts
    .command("test")
    .description(
      "Declare a test incident (mode test, lowest severity): checks the hub's account can open incidents.",
    )
    .option("--source <name>", "the intake source the test stands for, named in the incident's summary")
    .addHelpText(
      "after",
      helpAfter(
        ["incidentkit alerts test", "incidentkit --account prod alerts test --source prometheus"],
        '{ "incident": incident.io incident }',
      ),
    )
    .action(async (flags: TestFlags, command: Command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const session = sessionFor(config, globals);
      const [lowest] = await session.lookups.severities();
      const from = flags.source ? ` for the ${flags.source} source` : "";
      const { incident } = await declareIncident(session, {
        name: "incidentkit test alert",
        summary: `A test alert${from} sent by incidentkit alerts test, to check incidents can be opened. Safe to close.`,
        mode: "test",
        ...(lowest ? { severity: lowest.id } : {}),
        // Each run opens its own test incident.
        idempotencyKey: `incidentkit-alerts-test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
      });
      out.emit(
        { incident },
        () => `Incident created: ${incident.reference}${incident.permalink ? ` ${incident.permalink}` : ""}`,
      );
    });
}
