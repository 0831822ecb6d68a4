import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import { helpAfter } from "../flags.js";
import { registerIncidentExtras } from "./incidents-extras.js";
import { registerIncidentPeople } from "./incidents-people.js";
import { registerIncidentReads } from "./incidents-read.js";
import { registerIncidentSearch } from "./incidents-search.js";
import { registerIncidentWrites } from "./incidents-write.js";

export function registerIncidentsCommand(program: CommandUnknownOpts, config: Config): void {
  const incidents = program
    .command("incidents")
    .description(
      "List, search, show, declare, edit, escalate and close incidents; append findings; roles, access, " +
        "attachments, related incidents and post-mortems.",
    )
    .addHelpText(
      "after",
      helpAfter([
        "incidentkit incidents list --status-category live",
        "incidentkit incidents show INC-123",
        'incidentkit incidents declare --name "Checkout is slow" --severity Major',
        "incidentkit incidents escalate INC-123 Critical",
        "incidentkit incidents close INC-123",
        'incidentkit incidents search "checkout timeout"',
        'incidentkit incidents assign INC-123 --role "Incident Lead" --user priya.raman@acme.example',
      ]),
    );
  registerIncidentReads(incidents, config);
  registerIncidentWrites(incidents, config);
  registerIncidentSearch(incidents, config);
  registerIncidentPeople(incidents, config);
  registerIncidentExtras(incidents, config);
}
