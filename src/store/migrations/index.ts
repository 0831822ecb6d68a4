import type { Migration, MigrationProvider } from "kysely";
import * as alerts from "./001-alerts.js";
import * as intakeIndexesAndInstall from "./002-intake-indexes-and-install.js";
import * as mirror from "./003-mirror.js";
import * as webhooks from "./004-webhooks.js";
import * as changes from "./005-changes.js";
import * as mirrorChangesIndex from "./006-mirror-changes-index.js";
import * as investigations from "./007-investigations.js";
import * as severalInstances from "./008-several-instances.js";
import * as scorecardLevels from "./009-scorecard-levels.js";
import * as alertGroups from "./010-alert-groups.js";
import * as retention from "./011-retention.js";
import * as lighterAlerts from "./012-lighter-alerts.js";
import * as accounts from "./013-accounts.js";
import * as changeEnvironments from "./014-change-environments.js";
import * as quietGroups from "./015-quiet-groups.js";
import * as repeatsUnindexed from "./016-repeats-unindexed.js";
import * as alertsBySourceNewest from "./017-alerts-by-source-newest.js";

/** Every migration this version knows, by name. Names sort in the order they run; never rename or edit one. */
export const migrations: Readonly<Record<string, Migration>> = {
  "001-alerts": alerts,
  "002-intake-indexes-and-install": intakeIndexesAndInstall,
  "003-mirror": mirror,
  "004-webhooks": webhooks,
  "005-changes": changes,
  "006-mirror-changes-index": mirrorChangesIndex,
  "007-investigations": investigations,
  "008-several-instances": severalInstances,
  "009-scorecard-levels": scorecardLevels,
  "010-alert-groups": alertGroups,
  "011-retention": retention,
  "012-lighter-alerts": lighterAlerts,
  "013-accounts": accounts,
  "014-change-environments": changeEnvironments,
  "015-quiet-groups": quietGroups,
  "016-repeats-unindexed": repeatsUnindexed,
  "017-alerts-by-source-newest": alertsBySourceNewest,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
};
