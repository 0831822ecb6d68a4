import { annotationLinks } from "../../../catalog/annotation-links.js";
import type { CatalogEntity } from "../../../catalog/index.js";
import type { RecordedLevel } from "../../../scorecards/levels-store.js";
import type {
  MappingState,
  RuleView,
  ScorecardView,
  ServicePageModel,
  ServiceRow,
  SeverityLabel,
} from "../model.js";
import { incidentsPerMonth, mttrSummary } from "../stats.js";
import type { CatalogIndex } from "./catalog-index.js";
import type { OrgSeverity } from "./org.js";
import { entityLink, isOpen, isReal, pageOf } from "./rows.js";
import type { DirectoryView, EntityScore } from "./view.js";

/** Incidents per page of a service's history. */
export const HISTORY_PAGE_SIZE = 20;
/** The window of the service page's time to resolve. */
const MTTR_WINDOW_DAYS = 90;

export interface ServiceContext {
  view: DirectoryView;
  catalog: CatalogIndex;
  /** The account of entities without an `incidentkit.io/account` annotation. */
  account: string;
  /** Whether incidents map to entities at all (a catalog field is configured). */
  mapped: boolean;
}

/** The custom field value that maps incidents to this Component: the annotation, else its title, else its name. */
export function fieldValueOf(entity: CatalogEntity): string {
  return entity.incidentFieldValue ?? entity.title ?? entity.name;
}

export function mappingOf(entity: CatalogEntity, context: ServiceContext): MappingState {
  const mapped = context.mapped && context.view.isMapped(entity);
  return {
    state: mapped ? "mapped" : "unmapped",
    account: entity.account ?? context.account,
    value:
      mapped && entity.kind === "Component"
        ? (context.view.mappedLabel(entity) ?? fieldValueOf(entity))
        : null,
  };
}

/** The most severe severity among these incidents; null when none has one. */
function worst(incidents: Iterable<{ severity: SeverityLabel | null }>): SeverityLabel | null {
  let found: SeverityLabel | null = null;
  for (const { severity } of incidents) {
    if (severity && (found === null || severity.rank > found.rank)) found = severity;
  }
  return found && { name: found.name, rank: found.rank };
}

export function serviceRow(entity: CatalogEntity, context: ServiceContext): ServiceRow {
  const open = context.view.incidentsOf(entity).filter(isOpen);
  return {
    ref: entity.ref,
    name: entity.name,
    title: entity.title ?? entity.displayName ?? null,
    kind: entity.kind,
    owner: entity.owner ? entityLink(entity.owner, context.catalog.byRef) : null,
    system: entity.system ? entityLink(entity.system, context.catalog.byRef) : null,
    openIncidents: open.length,
    worstOpenSeverity: worst(open),
    scorecards: context.view.scorecardsOf(entity.ref).map((score) => ({
      scorecard: score.scorecard,
      level: score.result.level,
      score: score.result.score,
    })),
    mapping: mappingOf(entity, context),
  };
}

function ruleView(rule: EntityScore["result"]["rules"][number]): RuleView {
  return {
    level: rule.level,
    name: rule.rule,
    description: rule.description,
    outcome: rule.outcome,
    explanation: rule.explanation,
    hint: rule.hint,
  };
}

function scorecardView(score: EntityScore, recorded: readonly RecordedLevel[]): ScorecardView {
  const { result } = score;
  const record = recorded.find((level) => level.scorecard === score.scorecard);
  return {
    name: score.scorecard,
    description: score.description,
    levels: score.levels,
    level: result.level,
    score: result.score,
    rules: result.rules.map(ruleView),
    nextLevel: result.nextLevel
      ? { name: result.nextLevel.name, failing: result.nextLevel.failing.map(ruleView) }
      : null,
    ...(record && record.level === result.level
      ? { since: { at: record.since, previous: record.previous } }
      : {}),
  };
}

export interface ServicePageInput {
  entity: CatalogEntity;
  historyPage: number;
  now: number;
  /** Least severe first. */
  severities: OrgSeverity[];
  /** The declare form's custom field; null when incidents do not map to this entity through one. */
  customField: { name: string; value: string } | null;
  /** The entity's levels as the scheduled scorecard runs recorded them. */
  recordedLevels: readonly RecordedLevel[];
}

export function servicePage(input: ServicePageInput, context: ServiceContext): ServicePageModel {
  const { entity } = input;
  const { view, catalog } = context;
  const incidents = view.incidentsOf(entity);
  const row = (incident: (typeof incidents)[number]) => view.row(incident);
  const real = incidents.filter(isReal).map((incident) => ({
    createdAt: incident.createdAt,
    resolvedAt: incident.resolvedAt,
    severity: incident.severity,
  }));
  const severities = input.severities.map(({ name, rank }) => ({ name, rank }));
  return {
    entity: {
      ref: entity.ref,
      kind: entity.kind,
      name: entity.name,
      title: entity.title ?? entity.displayName ?? null,
      description: entity.description ?? null,
      type: entity.type ?? null,
      lifecycle: entity.lifecycle ?? null,
      tags: entity.tags,
    },
    links: entity.links.map((link) => ({ title: link.title ?? link.url, url: link.url })),
    annotationLinks: annotationLinks(entity.annotations).map(({ label, text, url }) => ({
      label,
      text,
      url: url ?? null,
    })),
    owner: entity.owner ? entityLink(entity.owner, catalog.byRef) : null,
    system: entity.system ? entityLink(entity.system, catalog.byRef) : null,
    dependsOn: entity.dependsOn.map((ref) => entityLink(ref, catalog.byRef)),
    mapping: mappingOf(entity, context),
    activeIncidents: incidents.filter(isOpen).map(row),
    history: pageOf(incidents, input.historyPage, HISTORY_PAGE_SIZE, row),
    mttr: mttrSummary(real, input.now, MTTR_WINDOW_DAYS),
    incidentsPerMonth: incidentsPerMonth(real, severities, input.now),
    scorecards: view.scorecardsOf(entity.ref).map((score) => scorecardView(score, input.recordedLevels)),
    declare: {
      severities: input.severities.map(({ id, name }) => ({ id, name })),
      customField: input.customField,
      account: entity.account ?? context.account,
    },
    parts:
      entity.kind === "Component"
        ? []
        : catalog
            .incidentSources(entity)
            .map((ref) => entityLink(ref, catalog.byRef))
            .sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" })),
  };
}
