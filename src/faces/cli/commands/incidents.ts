import type { Command } from "commander";
import type { Config } from "../../../api/config.js";
import { helpAfter } from "../flags.js";
import { registerIncidentReads } from "./incidents-read.js";
import { registerIncidentWrites } from "./incidents-write.js";

export function registerIncidentsCommand(program: Command, config: Config): void {
  const incidents = program
    .command("incidents")
    .description("List, show, declare, edit, escalate and close incidents; append findings.")
    .addHelpText(
      "after",
      helpAfter([
        "incidentkit incidents list --status-category live",
        "incidentkit incidents show INC-123",
        'incidentkit incidents declare --name "Checkout is slow" --severity Major',
        "incidentkit incidents escalate INC-123 Critical",
        "incidentkit incidents close INC-123",
      ]),
    );
  registerIncidentReads(incidents, config);
  registerIncidentWrites(incidents, config);
}
