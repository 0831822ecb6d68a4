import type { NamedLink } from "./model.js";

/**
 * The view model of `/changes`: the changes the hub recorded (deploys, flags, config), newest first, as plain
 * data like model.ts.
 */

export interface ChangeRow {
  id: string;
  /** deploy, feature_flag, config, other. */
  kind: string;
  /** The service changed: its page when the catalog has it, else the name as sent. */
  service: NamedLink;
  description: string;
  link: string | null;
  author: string | null;
  /** ISO 8601. */
  happenedAt: string;
  /** Where it went (`production`, `staging`); null when the sender did not say. */
  environment: string | null;
  /** False: it did not reach production (staging, a preview). */
  production: boolean | null;
  /** api, cli, github. */
  source: string;
}

export interface ChangesPageModel {
  filter: {
    /** A service as the query named it (any spelling); null: every service. */
    service: string | null;
    /** "24h", "7d"; null: no time limit. */
    since: string | null;
    limit: number;
  };
  /** What was wrong with the filter as given; those parts were ignored. */
  problems: string[];
  changes: ChangeRow[];
  /** The catalog's Components, for the service filter. */
  services: Array<{ ref: string; name: string }>;
}
