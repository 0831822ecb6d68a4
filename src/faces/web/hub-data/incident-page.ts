import type { ServiceDirectory } from "../../../app/directory.js";
import { SIMILAR_THRESHOLD, similarLeads } from "../../../app/investigations/similar-leads.js";
import { defaultPriorities, type PriorityMapping, priorityOf } from "../../../investigate/analytics/index.js";
import { type ChangeCorrelation, correlateChanges } from "../../../investigate/changes/index.js";
import { withoutFindings } from "../../../investigate/findings-block.js";
import { pastFollowUpsHeadline } from "../../../investigate/investigation/past-follow-ups.js";
import type { FindingsReport } from "../../../investigate/report.js";
import type { SimilarIncident } from "../../../investigate/similar/index.js";
import type { MirroredIncident } from "../../../mirror/index.js";
import type { OpsSession } from "../../../ops/index.js";
import type { Store } from "../../../store/index.js";
import type {
  ChangeView,
  FindingsView,
  IncidentPageModel,
  SimilarIncidentView,
} from "../investigation-model.js";
import type { SeverityLabel } from "../model.js";
import type { CatalogIndex } from "./catalog-index.js";
import { entityLink } from "./rows.js";
import { readTimeline } from "./timeline.js";
import type { DirectoryView } from "./view.js";

export interface IncidentPageSources {
  directory: ServiceDirectory;
  store: Store;
  session: OpsSession;
  catalog: CatalogIndex;
  view: DirectoryView;
  severities: SeverityLabel[];
  priorities?: PriorityMapping;
  /** The latest stored investigation's report of an incident; null when it has none. */
  findings: (incidentId: string) => Promise<FindingsReport | null>;
  timelineWaitMs?: number | undefined;
}

/** The incident page: the mirrored incident, its updates from incident.io, similar incidents, changes, findings. */
export async function incidentPage(
  incident: MirroredIncident,
  sources: IncidentPageSources,
): Promise<IncidentPageModel> {
  const { directory, view } = sources;
  const [timeline, similar, changes, report] = await Promise.all([
    readTimeline(sources.session, incident, sources.timelineWaitMs),
    // The list and threshold its investigation uses, so the page and its findings name the same incidents.
    similarLeads(directory, incident),
    correlateChanges(sources.store, incident, { directory }),
    sources.findings(incident.id),
  ]);
  const priorities = sources.priorities ?? defaultPriorities(view.snapshot.severities);
  // The findings section shows the latest investigation: the blocks investigations appended to the summary
  // (that one, and any older ones it supersedes) are left out of the summary rather than shown again above it.
  const summary = report ? withoutFindings(incident.summary) : incident.summary;
  return {
    incident: {
      ...view.row(incident),
      summary,
      findingsInSummary: withoutSpace(summary) !== withoutSpace(incident.summary),
      type: incident.type?.name ?? null,
    },
    priority: incident.severity ? priorityOf(priorities, incident.severity.name) : null,
    severities: sources.severities,
    timeline,
    similar: {
      results: similar.results.flatMap((result) => similarView(result, view)),
      threshold: SIMILAR_THRESHOLD,
      considered: similar.considered,
    },
    changes: changesView(changes, sources.catalog),
    findings: report ? findingsView(report) : null,
  };
}

const withoutSpace = (text: string | null): string => (text ?? "").replace(/\s+/g, "");

function similarView(result: SimilarIncident, view: DirectoryView): SimilarIncidentView[] {
  const found = view.byId(result.incident.id);
  if (!found) return [];
  const { resolution } = result;
  const notes = resolution.notes.map((note) => `${note.field}: ${note.text}`);
  return [
    {
      incident: view.row(found),
      score: result.score,
      reasons: result.reasons.map((reason) => reason.text),
      resolution: {
        status: resolution.status,
        timeToResolveSeconds: resolution.timeToResolveMs === null ? null : resolution.timeToResolveMs / 1000,
        notes,
      },
    },
  ];
}

function changesView(correlation: ChangeCorrelation, catalog: CatalogIndex): IncidentPageModel["changes"] {
  const from = Date.parse(correlation.window.from);
  const to = Date.parse(correlation.window.to);
  return {
    windowHours: Math.round((to - from) / 3_600_000),
    from: correlation.window.from,
    to: correlation.window.to,
    items: correlation.changes.map(
      (found): ChangeView => ({
        id: found.change.id,
        kind: found.change.kind,
        service: entityLink(found.service, catalog.byRef),
        viaDependencyOf: found.dependencyOf.map((ref) => entityLink(ref, catalog.byRef)),
        description: found.change.description,
        reason: found.reason,
        link: found.change.link,
        author: found.change.author,
        happenedAt: found.change.happenedAt,
      }),
    ),
  };
}

export function findingsView(report: FindingsReport): FindingsView {
  return {
    at: report.generatedAt,
    summary: report.summary,
    causes: report.probableCauses.map((cause) => ({
      title: cause.title,
      confidence: cause.confidence,
      evidence: cause.evidence.map((item) => ({ text: item.text, link: item.link ?? null })),
    })),
    nextSteps: report.suggestedNextSteps,
    pastFollowUps:
      report.pastFollowUps && report.similarIncidents.length > 0
        ? {
            headline:
              report.pastFollowUps.incidents.length > 0
                ? pastFollowUpsHeadline(report.pastFollowUps.incidents)
                : null,
            incidents: report.pastFollowUps.incidents.map((item) => ({
              reference: item.reference,
              name: item.name,
              permalink: item.permalink,
              total: item.total,
              outstanding: item.outstanding,
              followUps: item.followUps.map((followUp) => ({
                title: followUp.title,
                status: followUp.status,
                priority: followUp.priority,
                assignee: followUp.assignee,
                issue: followUp.issue,
              })),
            })),
            unread: report.pastFollowUps.unread,
          }
        : null,
    warnings: report.warnings ?? [],
  };
}
