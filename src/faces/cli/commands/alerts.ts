import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import { helpAfter } from "../flags.js";
import { registerAlertsHistory, registerAlertsShow } from "./alerts-history.js";
import { registerAlertsReplay } from "./alerts-replay.js";
import { registerAlertsTest } from "./alerts-test.js";

export function registerAlertsCommand(program: CommandUnknownOpts, config: Config): void {
  const alerts = program
    .command("alerts")
    .description(
      "The alert hub's history and delivery attempts, replaying failed deliveries, and a test alert.",
    )
    .addHelpText(
      "after",
      helpAfter([
        "incidentkit alerts history --limit 50",
        "incidentkit alerts show 01J2Z8K3V4W5X6Y7Z8A9B0C1D2",
        "incidentkit alerts replay 01J2Z8K3V4W5X6Y7Z8A9B0C1D2",
        "incidentkit alerts test",
        "incidentkit alerts test --close",
      ]),
    );
  registerAlertsHistory(alerts, config);
  registerAlertsShow(alerts, config);
  registerAlertsReplay(alerts, config);
  registerAlertsTest(alerts, config);
}
