import { z } from "zod";

/**
 * The hub config's `investigations:` section:
 *
 * ```yaml
 * investigations:
 *   auto: true                 # investigate each new incident (default true once the section is there)
 *   min_severity: Major        # only incidents at least this severe (by the organisation's rank)
 *   incident_types: [Default]  # only these incident types (names, any case)
 *   include_test: false        # test incidents too (tutorial incidents never)
 *   publish: { summary: true, slack: false }   # slack needs the `slack:` section
 * ```
 */
export const InvestigationsConfigSchema = z.strictObject({
  auto: z.boolean().default(true),
  min_severity: z.string().trim().min(1, { error: "name a severity, e.g. Major" }).optional(),
  incident_types: z
    .array(z.string().trim().min(1, { error: "name an incident type" }))
    .min(1)
    .optional(),
  include_test: z.boolean().default(false),
  publish: z
    .strictObject({ summary: z.boolean().default(true), slack: z.boolean().default(false) })
    .default({ summary: true, slack: false }),
});

export interface InvestigationsConfig {
  /** Investigate every new incident that passes the filter, once. */
  auto: boolean;
  minSeverity?: string;
  incidentTypes?: string[];
  includeTest: boolean;
  publish: { summary: boolean; slack: boolean };
}

export function investigationsConfigFrom(
  section: z.output<typeof InvestigationsConfigSchema>,
): InvestigationsConfig {
  return {
    auto: section.auto,
    ...(section.min_severity !== undefined ? { minSeverity: section.min_severity } : {}),
    ...(section.incident_types !== undefined ? { incidentTypes: section.incident_types } : {}),
    includeTest: section.include_test,
    publish: { ...section.publish },
  };
}
