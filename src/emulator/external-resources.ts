import type { ExternalResourceType } from "./model-attachments.js";

/**
 * How the emulator stands in for incident.io's integrations when a resource is attached: a link is accepted when
 * it has the shape of the system's own links (the integration's "the link is valid"), and an external ID is turned
 * into the link the system would give it. There are no integrations to ask for a resource's real title, so the
 * title is the caller's, or the system's name with the ID.
 */
export interface ResourceKind {
  /** How people name one of these resources, e.g. "GitHub pull request". */
  label: string;
  /** An example link, for error messages. */
  example: string;
  /** An example external ID, or undefined when these resources can only be attached by their link. */
  exampleId: string | undefined;
  /** The external ID a link names, or undefined when the link is not one of this system's. */
  idFromUrl(url: URL): string | undefined;
  /** The link for an external ID, or undefined when the ID has the wrong shape; `org` is the organisation's slug. */
  urlFromId(id: string, org: string): string | undefined;
}

/** A kind whose links match `pattern` (tested against host + path) and whose IDs match `idPattern`. */
function kind(
  label: string,
  example: string,
  pattern: RegExp,
  idPattern: RegExp,
  link: (id: string, org: string) => string,
  idOf: (match: RegExpExecArray) => string = (match) => match[1] ?? "",
): ResourceKind {
  const idFromUrl = (url: URL) => {
    const match = pattern.exec(`${url.host}${url.pathname}`);
    return match ? idOf(match) : undefined;
  };
  return {
    label,
    example,
    exampleId: idFromUrl(new URL(example)),
    idFromUrl,
    urlFromId: (id, org) => (idPattern.test(id) ? link(id, org) : undefined),
  };
}

/** Systems whose links the emulator does not model: any http(s) link names the resource by itself. */
function anyLink(label: string, example: string): ResourceKind {
  return { label, example, exampleId: undefined, idFromUrl: (url) => url.href, urlFromId: () => undefined };
}

const OPAQUE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const NUMBER = /^\d{1,20}$/;

export const RESOURCE_KINDS: Readonly<Record<Exclude<ExternalResourceType, "scrubbed">, ResourceKind>> = {
  pager_duty_incident: kind(
    "PagerDuty incident",
    "https://acme.pagerduty.com/incidents/Q1R2S3T4U5",
    /^[a-z0-9-]+\.pagerduty\.com\/incidents\/([A-Za-z0-9]+)\/?$/,
    OPAQUE_ID,
    (id, org) => `https://${org}.pagerduty.com/incidents/${id}`,
  ),
  opsgenie_alert: kind(
    "Opsgenie alert",
    "https://acme.app.opsgenie.com/alert/detail/7f3c2a9e-1b4d/details",
    /^[a-z0-9-]+\.app\.opsgenie\.com\/alert\/detail\/([A-Za-z0-9-]+)(?:\/details)?\/?$/,
    OPAQUE_ID,
    (id, org) => `https://${org}.app.opsgenie.com/alert/detail/${id}/details`,
  ),
  datadog_monitor_alert: kind(
    "Datadog monitor",
    "https://app.datadoghq.com/monitors/123456",
    /^(?:[a-z0-9-]+\.)?datadoghq\.(?:com|eu)\/monitors\/(\d+)\/?$/,
    NUMBER,
    (id) => `https://app.datadoghq.com/monitors/${id}`,
  ),
  github_pull_request: kind(
    "GitHub pull request",
    "https://github.com/acme/api/pull/123",
    /^github\.com\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\/pull\/(\d+)\/?$/,
    /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+#\d+$/,
    (id) => {
      const [repo, number] = id.split("#");
      return `https://github.com/${repo}/pull/${number}`;
    },
    (match) => `${match[1]}/${match[2]}#${match[3]}`,
  ),
  gitlab_merge_request: kind(
    "GitLab merge request",
    "https://gitlab.com/acme/api/-/merge_requests/42",
    /^gitlab\.com\/([A-Za-z0-9_./-]+?)\/-\/merge_requests\/(\d+)\/?$/,
    /^[A-Za-z0-9_./-]+!\d+$/,
    (id) => {
      const [project, number] = id.split("!");
      return `https://gitlab.com/${project}/-/merge_requests/${number}`;
    },
    (match) => `${match[1]}!${match[2]}`,
  ),
  sentry_issue: kind(
    "Sentry issue",
    "https://acme.sentry.io/issues/4509876543/",
    /^(?:[a-z0-9-]+\.)?sentry\.io\/(?:organizations\/[a-z0-9-]+\/)?issues\/(\d+)\/?$/,
    NUMBER,
    (id, org) => `https://${org}.sentry.io/issues/${id}/`,
  ),
  jira_issue: kind(
    "Jira issue",
    "https://acme.atlassian.net/browse/OPS-123",
    /^[a-z0-9-]+\.atlassian\.net\/browse\/([A-Z][A-Z0-9]+-\d+)\/?$/,
    /^[A-Z][A-Z0-9]+-\d+$/,
    (id, org) => `https://${org}.atlassian.net/browse/${id}`,
  ),
  jsm_alert: anyLink("Jira Service Management alert", "https://acme.atlassian.net/jsm/ops/alerts/…"),
  atlassian_statuspage_incident: kind(
    "Atlassian Statuspage incident",
    "https://manage.statuspage.io/pages/abc123/incidents/xyz789",
    // The manage link, or the public page's own.
    /^(?:manage\.statuspage\.io\/pages\/[a-z0-9]+|[a-z0-9-]+\.statuspage\.io)\/incidents\/([a-z0-9]+)\/?$/,
    /^[a-z0-9]{1,40}$/,
    (id, org) => `https://${org}.statuspage.io/incidents/${id}`,
  ),
  zendesk_ticket: kind(
    "Zendesk ticket",
    "https://acme.zendesk.com/agent/tickets/4711",
    /^[a-z0-9-]+\.zendesk\.com\/agent\/tickets\/(\d+)\/?$/,
    NUMBER,
    (id, org) => `https://${org}.zendesk.com/agent/tickets/${id}`,
  ),
  google_calendar_event: anyLink("Google Calendar event", "https://calendar.google.com/calendar/event?eid=…"),
  outlook_calendar_event: anyLink("Outlook Calendar event", "https://outlook.office.com/calendar/item/…"),
  slack_file: anyLink("Slack file", "https://acme.slack.com/files/U012AB3CD/F0123456789/graph.png"),
  salesforce_case: kind(
    "Salesforce case",
    "https://acme.lightning.force.com/lightning/r/Case/5003000000D8cuIAAR/view",
    /^[a-z0-9-]+\.lightning\.force\.com\/lightning\/r\/Case\/([A-Za-z0-9]{15,18})\/view\/?$/,
    /^[A-Za-z0-9]{15,18}$/,
    (id, org) => `https://${org}.lightning.force.com/lightning/r/Case/${id}/view`,
  ),
  arbitrary_url: anyLink("link", "https://grafana.example.com/d/abc123/checkout"),
  statuspage_incident: anyLink("status page incident", "https://status.example.com/incidents/01H…"),
};
