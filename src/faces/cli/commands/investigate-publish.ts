import type { Config } from "../../../api/config.js";
import { type PublishTargets, StorePostLedger, wantsSlack } from "../../../app/investigations/index.js";
import type { HubLocalSettings } from "../../../hub/config.js";
import type { FindingsReport } from "../../../investigate/report.js";
import { SlackPublisher, slackConfigFrom, slackSenderFor } from "../../../notify/index.js";
import type { Clock } from "../../../shared/clock.js";
import type { Store } from "../../../store/index.js";

/**
 * Where `investigate --publish` sends the findings: as the hub config's `investigations.publish` says (the
 * summary by default), Slack only with a `slack:` section, its secret read from the environment now.
 */
export async function publishTargets(
  settings: HubLocalSettings,
  config: Config,
  store: Store,
  clock: Clock,
  report: FindingsReport,
  incident: { private: boolean; severities: readonly { name: string; rank: number }[] },
): Promise<PublishTargets> {
  const publish = settings.investigations?.publish ?? { summary: true, slack: false };
  if (!publish.slack || settings.slackSection === undefined) return { summary: publish.summary };
  // A variable left unset is a `SlackConfigError`: a configuration problem, exit code 3.
  const slack = slackConfigFrom(settings.slackSection, config.accountEnv);
  const wanted = wantsSlack(report, {
    minSeverity: slack.minSeverity,
    private: incident.private,
    severities: incident.severities,
  });
  if (wanted.warning) process.stderr.write(`warning: ${wanted.warning}\n`);
  const publisher = new SlackPublisher(slackSenderFor(slack), new StorePostLedger(store, clock));
  return { summary: publish.summary, ...(wanted.post ? { slack: { publisher } } : {}) };
}
