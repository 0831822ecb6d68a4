import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import { globalsOf, outputFor, sessionFor } from "../client.js";
import { helpAfter } from "../flags.js";
import { hubStateSettings, requireHubAccount, withHubDirectory } from "./hub-directory.js";

export function registerInvestigateCommand(program: CommandUnknownOpts, config: Config): void {
  program
    .command("investigate")
    .argument("<incident>", "the incident: ID, INC-123, 123 or its incident.io link")
    .description(
      "Investigate an incident now, from the hub's state and the account: probable causes with evidence, similar incidents and how they were resolved, changes before it, next steps.",
    )
    .option("--publish", "also publish the findings as the hub config says (the summary, Slack)")
    .option("--config <file>", "the hub's config file (default: hub.yaml here, else the demo hub's)")
    .option("--data-dir <dir>", "the hub's data directory, instead of the one its config names")
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit investigate INC-123",
          "incidentkit investigate INC-123 --publish",
          "incidentkit --json investigate https://app.incident.io/acme/incidents/123",
        ],
        '{ "investigation": { id, trigger: "cli", report: { incident, generatedAt, summary, probableCauses: [{ title, confidence, evidence: [{ text, link }] }], similarIncidents, changes, suggestedNextSteps, pastFollowUps: { incidents: [{ reference, total, outstanding, followUps }], unread }, warnings? }, published: { summary, slack } } }',
      ),
    )
    .action(async (ref, flags, command) => {
      const globals = globalsOf(command);
      const out = outputFor(config, globals);
      const session = sessionFor(config, globals);
      const settings = await hubStateSettings(config, flags);
      const { incidentIdOf } = await import("../../../ops/incident-lookup.js");
      const { systemClock } = await import("../../../shared/clock.js");
      const investigation = await import("../../../investigate/investigation/index.js");
      const { investigate, publishInvestigation } = await import("../../../app/investigations/index.js");
      const { investigationText } = await import("../output/investigation-view.js");
      await withHubDirectory(settings, { verb: "investigate" }, async (directory, store) => {
        // The incident is read from the account, its similar incidents from the hub's: they must be one.
        await requireHubAccount(settings, store, session.alias);
        const id = await incidentIdOf(session, ref);
        const report = await investigate(
          {
            store,
            session,
            directory,
            clock: systemClock,
            ...(settings.priorities ? { priorities: settings.priorities } : {}),
            ...(settings.catalog ? { serviceField: settings.catalog.field } : {}),
          },
          id,
          { onWarning: (message) => process.stderr.write(`warning: ${message}\n`) },
        );
        const key = { account: session.alias, id: report.incident.id };
        const runId = await investigation.createInvestigation(store, key, "cli", report.generatedAt);
        await investigation.saveReport(store, runId, report);
        let published: { summary: string; slack: string } = { summary: "off", slack: "off" };
        if (flags.publish) {
          const { publishTargets } = await import("./investigate-publish.js");
          const { getMirroredIncident } = await import("../../../mirror/index.js");
          const mirrored = await getMirroredIncident(store.db, key);
          const targets = await publishTargets(settings, config, store, systemClock, report, {
            private: mirrored?.visibility === "private",
            severities: await session.lookups.severities(),
          });
          const stored = await investigation.getInvestigation(store.db, runId);
          if (stored?.report) {
            published = await publishInvestigation(
              { store, session, clock: systemClock },
              { ...stored, report: stored.report },
              targets,
            );
          }
        }
        const after = await investigation.getInvestigation(store.db, runId);
        const document = {
          id: runId,
          trigger: "cli",
          report,
          published,
          errors: after?.errors ?? [],
        };
        out.emit({ investigation: document }, () => investigationText(report, published, document.errors));
        if (published.summary === "failed" || published.slack === "failed") process.exitCode = 1;
      });
    });
}
