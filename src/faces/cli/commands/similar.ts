import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { Config } from "../../../api/config.js";
import { globalsOf, outputFor } from "../client.js";
import { UsageError } from "../errors.js";
import { collect, helpAfter, wholeNumber } from "../flags.js";
import { similarText } from "../output/similar-view.js";
import { hubStateSettings, reportedAccount, withHubDirectory } from "./hub-directory.js";

function threshold(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`--threshold must be a number from 0 to 1, got "${raw}"`);
  }
  return value;
}

export function registerSimilarCommand(program: CommandUnknownOpts, config: Config): void {
  program
    .command("similar")
    .argument("[incident]", "an incident the hub has mirrored: ID, INC-123, 123 or its incident.io link")
    .description(
      "Past incidents like an incident (or like some text), from the hub's mirror: score, reasons, how each ended.",
    )
    .option("--text <text>", "free text to match (an alert's title), instead of or besides an incident")
    .option("--service <name>", "a service it affects (catalog name, title or ref); repeatable", collect)
    .option("--threshold <score>", "only results scoring at least this, 0 to 1 (default 0.5)")
    .option(
      "--time-range <duration>",
      "only incidents created within this long before: 90d, 12h (default: all)",
    )
    .option("--limit <n>", "at most this many results (default 10)")
    .option("--config <file>", "the hub's config file (default: hub.yaml here, else the demo hub's)")
    .option("--data-dir <dir>", "the hub's data directory, instead of the one its config names")
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit similar INC-123",
          'incidentkit similar --text "checkout 5xx connection pool exhausted" --service checkout',
          "incidentkit similar INC-123 --threshold 0.3 --time-range 90d --limit 5",
          "incidentkit --json similar INC-123",
        ],
        '{ "similar": { query: { incident, text, services }, results: [{ id, reference, name, severity, status, created_at, permalink, score, reasons: [..], resolution: { status, resolved_at, time_to_resolve_seconds, notes } }], considered } }',
      ),
    )
    .action(async (incidentRef, flags, command) => {
      const out = outputFor(config, globalsOf(command));
      const services = flags.service ?? [];
      if (incidentRef === undefined && flags.text === undefined && services.length === 0) {
        throw new UsageError("give an incident, or --text (and optionally --service), to compare with");
      }
      const minimum = threshold(flags.threshold);
      const options = {
        similarityThreshold: minimum,
        timeRange: flags.timeRange,
        ...(flags.limit !== undefined ? { limit: wholeNumber("--limit", flags.limit, 1, 100) } : {}),
      };
      const settings = await hubStateSettings(config, flags);
      const { requireMirroredIncident } = await import("../../../app/mirrored-incident.js");
      const { similarIncidentJson } = await import("../../../app/similar-json.js");
      const asked = globalsOf(command).account;
      await withHubDirectory(settings, { verb: "compare" }, async (directory, store) => {
        // Within one organisation: the incident's, else the one asked for, else the hub's own.
        const account = await reportedAccount(settings, store, asked);
        const incident =
          incidentRef === undefined
            ? undefined
            : await requireMirroredIncident(
                directory,
                incidentRef,
                asked === undefined ? {} : { account: asked },
              );
        const found = await directory.findSimilar(
          {
            ...(incident ? { incident } : {}),
            text: flags.text,
            ...(services.length > 0 ? { services } : {}),
          },
          { ...options, ...(incident === undefined && account !== undefined ? { account } : {}) },
        );
        const document = {
          query: {
            incident: incident
              ? { id: incident.id, reference: incident.reference, name: incident.name }
              : null,
            text: flags.text ?? null,
            services,
          },
          results: found.results.map(similarIncidentJson),
          considered: found.considered,
        };
        out.emit({ similar: document }, () => similarText(document, out));
      });
    });
}
