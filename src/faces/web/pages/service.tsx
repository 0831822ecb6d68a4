import { IncidentsChart } from "../chart.js";
import { DeclareForm, type DeclareProblems, type DeclareValues } from "../declare-form.js";
import { absoluteTime, duration, plural, safeHref, serviceUrl } from "../format.js";
import { IncidentTable } from "../incident-table.js";
import { Empty, type Flash, Layout, Pager } from "../layout.js";
import type { RuleView, ScorecardView, ServicePageModel } from "../model.js";
import { EntityName } from "./services.js";

export interface ServicePageProps {
  model: ServicePageModel;
  now: number;
  flash: Flash | null;
  form: { token: string; values: DeclareValues; problems: DeclareProblems | null };
}

function Rule(props: { rule: RuleView }) {
  const { rule } = props;
  const label = rule.outcome === "pass" ? "Pass" : rule.outcome === "fail" ? "Fail" : "Error";
  return (
    <li class={`rule rule-${rule.outcome}`}>
      <span class={`badge ${rule.outcome === "pass" ? "ok" : "bad"}`}>{label}</span>{" "}
      <strong>{rule.name}</strong>
      <span class="muted small"> ({rule.level})</span>
      <div class="explanation">{rule.explanation}</div>
      {rule.outcome !== "pass" && rule.hint ? <div class="hint">What to do: {rule.hint}</div> : null}
    </li>
  );
}

/** "Silver since 2026-06-01 (was Bronze)". */
function LevelSince(props: { level: string | null; since: NonNullable<ScorecardView["since"]> }) {
  const { level, since } = props;
  return (
    <p class="muted level-since">
      {level ?? "No level"} since{" "}
      <time datetime={since.at} title={absoluteTime(since.at)}>
        {since.at.slice(0, 10)}
      </time>
      {since.previous ? ` (was ${since.previous})` : ""}
    </p>
  );
}

function Scorecard(props: { card: ScorecardView }) {
  const { card } = props;
  return (
    <article class="scorecard">
      <h3>
        {card.name}:{" "}
        <span class={card.level ? "level" : "level none"}>{card.level ?? "no level reached"}</span>{" "}
        <span class="muted small">({Math.round(card.score * 100)}% of rules pass)</span>
      </h3>
      {card.since ? <LevelSince level={card.level} since={card.since} /> : null}
      {card.description ? <p class="muted">{card.description}</p> : null}
      {card.nextLevel && card.nextLevel.failing.length > 0 ? (
        <div class="next-level">
          <h4>To reach {card.nextLevel.name}, fix:</h4>
          <ul class="rules">
            {card.nextLevel.failing.map((rule) => (
              <Rule rule={rule} />
            ))}
          </ul>
        </div>
      ) : null}
      <details>
        <summary>Every rule ({card.rules.length})</summary>
        <ul class="rules">
          {card.rules.map((rule) => (
            <Rule rule={rule} />
          ))}
        </ul>
      </details>
    </article>
  );
}

function Details(props: { model: ServicePageModel }) {
  const { model } = props;
  const links = model.links.filter((link) => safeHref(link.url));
  return (
    <dl class="details">
      <dt>Owner</dt>
      <dd>
        <EntityName link={model.owner} />
      </dd>
      <dt>System</dt>
      <dd>
        <EntityName link={model.system} />
      </dd>
      <dt>Kind</dt>
      <dd>
        {model.entity.kind}
        {model.entity.type ? `, ${model.entity.type}` : ""}
        {model.entity.lifecycle ? ` (${model.entity.lifecycle})` : ""}
      </dd>
      <dt>Depends on</dt>
      <dd>
        {model.dependsOn.length === 0 ? <span class="muted">–</span> : null}
        {model.dependsOn.map((dependency, index) => (
          <>
            {index > 0 ? ", " : null}
            <EntityName link={dependency} />
          </>
        ))}
      </dd>
      <dt>incident.io</dt>
      <dd>
        {model.mapping.state === "mapped" ? "Mapped" : "Not mapped"}
        {model.mapping.value ? ` as “${model.mapping.value}”` : ""}
        {model.mapping.account ? `, account ${model.mapping.account}` : ""}
      </dd>
      {links.length > 0 ? <dt>Links</dt> : null}
      {links.length > 0 ? (
        <dd>
          <ul class="plain">
            {links.map((link) => (
              <li>
                <a href={safeHref(link.url)} rel="noopener noreferrer">
                  {link.title || link.url}
                </a>
              </li>
            ))}
          </ul>
        </dd>
      ) : null}
      {model.annotationLinks.map((item) => (
        <>
          <dt>{item.label}</dt>
          <dd>
            {safeHref(item.url) ? (
              <a href={safeHref(item.url)} rel="noopener noreferrer">
                {item.text}
              </a>
            ) : (
              <code>{item.text}</code>
            )}
          </dd>
        </>
      ))}
      {model.entity.tags.length > 0 ? <dt>Tags</dt> : null}
      {model.entity.tags.length > 0 ? (
        <dd>
          {model.entity.tags.map((tag) => (
            <span class="tag">{tag}</span>
          ))}
        </dd>
      ) : null}
    </dl>
  );
}

/**
 * A System's or Group's page has no form: incidents map to Components, so one declared here would not show here.
 * It links to its Components' pages, whose forms declare incidents this page then shows too.
 */
function DeclareOnParts(props: { model: ServicePageModel }) {
  const { entity, parts } = props.model;
  const name = entity.title ?? entity.name;
  const relation = entity.kind === "Group" ? "owns" : "is made of";
  if (parts.length === 0) {
    return (
      <Empty>
        Incidents are declared on a Component, and no Component in the catalog names {name} as its{" "}
        {entity.kind === "Group" ? "owner" : "system"}, so none shows here. Declare it in incident.io, or on a
        Component's page.
      </Empty>
    );
  }
  return (
    <div class="declare-on-parts">
      <p>
        Incidents are declared on a Component, so that they map to it; they then show here too. {name}{" "}
        {relation}:
      </p>
      <ul class="parts">
        {parts.map((part) => (
          <li>
            <EntityName link={part} />
            {part.url ? (
              <>
                {" "}
                <a href={`${part.url}#declare`} class="small">
                  declare there
                </a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** `/services/:ref`: one entity, its incidents, reliability figures, scorecards and the declare form. */
export function ServicePage(props: ServicePageProps) {
  const { model, now } = props;
  const severities = model.incidentsPerMonth.severities;
  const mttr = model.mttr;
  return (
    <Layout title={model.entity.title ?? model.entity.name} section="services" flash={props.flash}>
      <p class="muted">{model.entity.ref}</p>
      {model.entity.description ? <p>{model.entity.description}</p> : null}
      <Details model={model} />

      <section aria-labelledby="active">
        <h2 id="active">Active incidents ({model.activeIncidents.length})</h2>
        {model.activeIncidents.length === 0 ? (
          <Empty>
            No active incidents. If something is wrong, declare one below
            {model.entity.kind === "Component" ? "" : ", on one of its Components"}.
          </Empty>
        ) : (
          <IncidentTable
            incidents={model.activeIncidents}
            severities={severities}
            now={now}
            caption="Active incidents"
          />
        )}
      </section>

      <section aria-labelledby="declare">
        <h2 id="declare">Declare incident</h2>
        {model.entity.kind === "Component" ? (
          <DeclareForm
            model={model.declare}
            action={`${serviceUrl(model.entity.ref)}/declare`}
            token={props.form.token}
            values={props.form.values}
            problems={props.form.problems}
          />
        ) : (
          <DeclareOnParts model={model} />
        )}
      </section>

      <section aria-labelledby="reliability">
        <h2 id="reliability">Reliability</h2>
        <dl class="figures">
          <div>
            <dt>MTTR, mean</dt>
            <dd>{duration(mttr.meanSeconds)}</dd>
          </div>
          <div>
            <dt>Median</dt>
            <dd>{duration(mttr.medianSeconds)}</dd>
          </div>
          <div>
            <dt>p95</dt>
            <dd>{duration(mttr.p95Seconds)}</dd>
          </div>
          <div>
            <dt>Resolved</dt>
            <dd>{mttr.resolved}</dd>
          </div>
          <div>
            <dt>Still open</dt>
            <dd>{mttr.open}</dd>
          </div>
        </dl>
        <p class="muted small">
          Time to resolve over the last {mttr.windowDays} days: {plural(mttr.resolved, "incident")} resolved.
        </p>
        <h3>Incidents per month</h3>
        <IncidentsChart data={model.incidentsPerMonth} />
      </section>

      <section aria-labelledby="scorecards">
        <h2 id="scorecards">Scorecards</h2>
        {model.scorecards.length === 0 ? (
          <Empty>
            No scorecard applies to this service. Scorecards are YAML files the hub's scorecards setting
            names.
          </Empty>
        ) : (
          model.scorecards.map((card) => <Scorecard card={card} />)
        )}
      </section>

      <section aria-labelledby="history">
        <h2 id="history">Incident history</h2>
        {model.history.total === 0 ? (
          <Empty>
            No incidents are mapped to this service yet.{" "}
            {model.declare.customField
              ? `Incidents show here when their ${model.declare.customField.name} field is “${model.declare.customField.value}”.`
              : "Map it to incident.io through the catalog's incident field."}
          </Empty>
        ) : (
          <>
            <IncidentTable
              incidents={model.history.items}
              severities={severities}
              now={now}
              showResolved
              caption="Incident history"
            />
            <Pager page={model.history} path={serviceUrl(model.entity.ref)} param="history_page" query={{}} />
          </>
        )}
      </section>
    </Layout>
  );
}
