import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { ReplayResult } from "../../../alerts/replay.js";
import type { Config } from "../../../api/config.js";
import { ConfigError, IncidentKitError } from "../../../api/index.js";
import { globalsOf, outputFor } from "../client.js";
import { helpAfter } from "../flags.js";
import { DATA_DIR_HELP, HUB_CONFIG_HELP } from "./alerts-history.js";
import { hubDatabaseExists, hubDatabasePlace, hubStateSettings, openHubStore } from "./hub-directory.js";

/** "1 declare", "1 declare and 1 close", in the order they go out. */
function counted(result: ReplayResult): string {
  const kinds = new Map<string, number>();
  for (const entry of result.replayed) kinds.set(entry.kind, (kinds.get(entry.kind) ?? 0) + 1);
  return [...kinds].map(([kind, count]) => `${count} ${kind}${count === 1 ? "" : "s"}`).join(" and ");
}

function replayedText(result: ReplayResult): string {
  const lines = [
    `Re-queued ${counted(result)} for group ${result.groupKey}; the running hub delivers ${result.replayed.length === 1 ? "it" : "them"} within a second (\`incidentkit alerts history\` shows the attempts).`,
  ];
  if (result.otherFailedInGroup > 0) {
    lines.push(
      `${result.otherFailedInGroup} more failed in this group: \`incidentkit alerts replay ${result.groupKey}\` re-queues the whole group.`,
    );
  }
  if (result.opensWithoutClose) {
    lines.push(
      "The group's alerts resolved while its declare was failing: the incident it opens stays open until closed (`incidentkit incidents close <ref>`).",
    );
  }
  return lines.join("\n");
}

function nothingToReplay(target: string, result: ReplayResult): IncidentKitError {
  if (result.target === "unknown") {
    return new IncidentKitError({
      code: "not_found",
      message: `no alert or alert group ${target} in the hub's database`,
      hint: "take an alert's ID or a group key from `incidentkit alerts history --json`",
    });
  }
  const what = result.target === "alert" ? `alert ${target}` : `group ${target}`;
  const hint =
    result.otherFailedInGroup > 0
      ? `its group has ${result.otherFailedInGroup} failed: \`incidentkit alerts replay ${result.groupKey}\``
      : "only failed deliveries are replayed; `incidentkit alerts history` shows where each stands";
  return new IncidentKitError({ code: "not_found", message: `nothing failed to replay for ${what}`, hint });
}

export function registerAlertsReplay(alerts: CommandUnknownOpts, config: Config): void {
  alerts
    .command("replay")
    .description(
      "Re-queue an alert's (or alert group's) deliveries to incident.io that failed for good, once the cause is fixed; the running hub sends them at once.",
    )
    .argument(
      "<alert-id|group-key>",
      "an alert's ID, or an alert group's key (e.g. prometheus:4f1c9a2be3d07a51)",
    )
    .option("--config <file>", HUB_CONFIG_HELP)
    .option("--data-dir <dir>", DATA_DIR_HELP)
    .addHelpText(
      "after",
      helpAfter(
        [
          "incidentkit alerts replay 01J2Z8K3V4W5X6Y7Z8A9B0C1D2",
          "incidentkit alerts replay prometheus:4f1c9a2be3d07a51 --json",
          "incidentkit alerts replay 01J2Z8K3V4W5X6Y7Z8A9B0C1D2 --config /etc/incidentkit/hub.yaml",
        ],
        '{ "target": "alert"|"group", "group_key", "replayed": [{ id, kind, alert_id, group_key }], "other_failed_in_group", "opens_without_close" } (exit 4 when nothing failed matches)',
      ),
    )
    .action(async (target, flags, command) => {
      const out = outputFor(config, globalsOf(command));
      const settings = await hubStateSettings(config, flags);
      if (!hubDatabaseExists(settings)) {
        throw new ConfigError(
          "config",
          `no hub database in ${hubDatabasePlace(settings)}, so nothing to replay`,
          "name the hub's config with --config, or its data directory with --data-dir",
        );
      }
      const { replayFailed } = await import("../../../alerts/replay.js");
      const store = await openHubStore(settings);
      try {
        const result = await replayFailed(store, target.trim(), new Date());
        if (result.replayed.length === 0) throw nothingToReplay(target.trim(), result);
        out.emit(
          {
            target: result.target,
            group_key: result.groupKey,
            replayed: result.replayed.map((entry) => ({
              id: entry.id,
              kind: entry.kind,
              alert_id: entry.alertId,
              group_key: entry.groupKey,
            })),
            other_failed_in_group: result.otherFailedInGroup,
            opens_without_close: result.opensWithoutClose,
          },
          () => replayedText(result),
        );
      } finally {
        await store.close();
      }
    });
}
