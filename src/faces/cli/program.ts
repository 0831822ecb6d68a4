import { Command } from "@commander-js/extra-typings";
import { loadConfig } from "../../api/config.js";
import { packageVersion } from "../../shared/version.js";
import { registerAccountsCommand } from "./commands/accounts.js";
import { registerActionsCommand } from "./commands/actions.js";
import { registerAlertsCommand } from "./commands/alerts.js";
import { registerAnalyticsCommand } from "./commands/analytics.js";
import { registerApiCommand } from "./commands/api.js";
import { registerCatalogCommand } from "./commands/catalog.js";
import { registerChangesCommand } from "./commands/changes.js";
import { registerEmulatorCommand } from "./commands/emulator.js";
import { registerEscalationsCommand } from "./commands/escalations.js";
import { registerFollowUpsCommand } from "./commands/followups.js";
import { registerIncidentsCommand } from "./commands/incidents.js";
import { registerInitCommand } from "./commands/init.js";
import { registerInvestigateCommand } from "./commands/investigate.js";
import { registerMcpCommand } from "./commands/mcp.js";
import { registerOnCallCommand } from "./commands/oncall.js";
import { registerPageCommand } from "./commands/page.js";
import { registerScorecardsCommand } from "./commands/scorecards.js";
import { registerSettingsCommands } from "./commands/settings.js";
import { registerSimilarCommand } from "./commands/similar.js";
import { registerSyncCommand } from "./commands/sync.js";
import { registerUpCommand } from "./commands/up.js";
import { registerUpdatesCommand } from "./commands/updates.js";
import { registerVerifyCommand } from "./commands/verify.js";
import { registerWorkflowsCommand } from "./commands/workflows.js";
import { describeUsageAsJson } from "./errors.js";
import { withGlobalOptions } from "./global-options.js";
import { beforeCommand } from "./local-account.js";

/** The `incidentkit` command-line program: one file per command group under commands/. */
export function buildProgram(config = loadConfig()) {
  const program = withGlobalOptions(
    new Command("incidentkit").description(
      "The self-hosted companion to incident.io: client, CLI, hub, MCP server and emulator.",
    ),
  )
    .version(packageVersion(), "-V, --version", "print incidentkit's version")
    .exitOverride()
    .showHelpAfterError();
  // Before the commands are added, so each of them inherits it: in --json mode a usage error is one JSON line.
  program.configureOutput({
    writeErr: (text) => {
      if (!program.opts().json) process.stderr.write(text);
    },
    outputError: (text) => {
      process.stderr.write(program.opts().json ? describeUsageAsJson(text) : text);
    },
  });
  // Every command finds the local hub by one rule (local-hub.ts), before it runs.
  program.hook("preAction", (_program, action) => beforeCommand(config, action));
  registerAccountsCommand(program, config);
  registerVerifyCommand(program, config);
  registerIncidentsCommand(program, config);
  registerUpdatesCommand(program, config);
  registerFollowUpsCommand(program, config);
  registerActionsCommand(program, config);
  registerOnCallCommand(program, config);
  registerPageCommand(program, config);
  registerEscalationsCommand(program, config);
  registerSettingsCommands(program, config);
  registerWorkflowsCommand(program, config);
  registerMcpCommand(program, config);
  registerApiCommand(program, config);
  registerEmulatorCommand(program, config);
  registerUpCommand(program, config);
  registerInitCommand(program, config);
  registerAlertsCommand(program, config);
  registerSyncCommand(program, config);
  registerCatalogCommand(program, config);
  registerScorecardsCommand(program, config);
  registerChangesCommand(program, config);
  registerAnalyticsCommand(program, config);
  registerSimilarCommand(program, config);
  registerInvestigateCommand(program, config);
  program.addHelpText(
    "after",
    [
      "",
      "Examples:",
      "  incidentkit accounts add prod --api-key-env INCIDENT_IO_API_KEY --default",
      "  incidentkit verify --all",
      "  incidentkit incidents list --status-category live",
      "  incidentkit --json incidents show INC-123",
      "",
      "Exit codes: 0 ok, 1 failure, 2 usage or invalid argument, 3 auth or config, 4 not found, 5 rate limited.",
    ].join("\n"),
  );
  return program;
}
