import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import { type Incident, IncidentKitError } from "../../../api/index.js";
import {
  closeIncident,
  declareIncident,
  getIncident,
  listIncidents,
  type OpsSession,
} from "../../../ops/index.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { helpAfter } from "../flags.js";

/** The name every test incident of this command has: how `--close` finds them again. */
const TEST_INCIDENT_NAME = "incidentkit test alert";
/** Status categories of an incident not yet closed. */
const OPEN_CATEGORIES = ["triage", "live", "learning", "paused"];

/** The newest test incident `alerts test` opened that is not closed yet. */
async function newestOpenTest(session: OpsSession): Promise<Incident> {
  const { incidents } = await listIncidents(
    session,
    { mode: ["test"], statusCategory: OPEN_CATEGORIES, sort: "newest" },
    { limit: 250, all: true },
  );
  const found = incidents.find((incident) => incident.name === TEST_INCIDENT_NAME);
  if (found) return found;
  throw new IncidentKitError({
    code: "not_found",
    message: `no open test incident named "${TEST_INCIDENT_NAME}" in this account`,
    hint: "it is closed already, or another account opened it (--account); give one with --close INC-123",
  });
}

/** The incident named, which must be a test incident: this command never closes a real one. */
async function namedTest(session: OpsSession, ref: string): Promise<Incident> {
  const incident = await getIncident(session, ref);
  if (incident.mode === "test") return incident;
  throw new IncidentKitError({
    code: "invalid_argument",
    message: `${incident.reference} is a ${incident.mode} incident, not a test incident`,
    hint: `close a real incident with \`incidentkit incidents close ${incident.reference}\``,
  });
}

export function registerAlertsTest(alerts: CommandUnknownOpts, config: Config): void {
  alerts
    .command("test")
    .description(
      "Declare a test incident (mode test, lowest severity): checks the hub's account can open incidents. --close closes it again.",
    )
    .option("--source <name>", "the intake source the test stands for, named in the incident's summary")
    .option(
      // Parsed as `true` without a value: the newest open test incident this command opened.
      "--close [incident]",
      "close the newest open test incident this command opened, or the test incident given (INC-123)",
    )
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit alerts test",
          "incidentkit --account prod alerts test --source prometheus",
          "incidentkit alerts test --close",
          "incidentkit alerts test --close INC-123",
        ],
        '{ "incident": incident.io incident } (with --close: the incident closed)',
      ),
    )
    .action(async (flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const session = sessionFor(config, globals);
      if (flags.close !== undefined) {
        const target =
          flags.close === true ? await newestOpenTest(session) : await namedTest(session, flags.close);
        const incident = await closeIncident(session, target.id, {
          message: "Closed by incidentkit alerts test --close: the test is over.",
        });
        out.emit(
          { incident },
          () => `Closed ${incident.reference} (status: ${incident.incident_status.name})`,
        );
        return;
      }
      const [lowest] = await session.lookups.severities();
      const from = flags.source ? ` for the ${flags.source} source` : "";
      const { incident } = await declareIncident(session, {
        name: TEST_INCIDENT_NAME,
        summary: `A test alert${from} sent by incidentkit alerts test, to check incidents can be opened. Close it with incidentkit alerts test --close.`,
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
