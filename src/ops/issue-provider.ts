import { ISSUE_PROVIDERS, type IssueProvider } from "../api/index.js";
import { invalidArgument } from "./invalid-argument.js";

/** The issue trackers known by their hosted addresses; self-hosted ones (Jira Server, GitLab's own) need naming. */
const HOSTS: ReadonlyArray<[RegExp, IssueProvider]> = [
  [/(^|\.)atlassian\.net$/, "jira"],
  [/(^|\.)linear\.app$/, "linear"],
  [/(^|\.)github\.com$/, "github"],
  [/(^|\.)gitlab\.com$/, "gitlab"],
  [/(^|\.)asana\.com$/, "asana"],
  [/(^|\.)dev\.azure\.com$|(^|\.)visualstudio\.com$/, "azure_devops"],
  [/(^|\.)clickup\.com$/, "click_up"],
  [/(^|\.)shortcut\.com$/, "shortcut"],
  [/(^|\.)notion\.(so|site)$/, "notion"],
  [/(^|\.)service-now\.com$/, "service_now"],
];

/** The issue's address, which must be http(s). */
export function issueUrl(raw: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(raw.trim());
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw invalidArgument(
      `${JSON.stringify(raw.trim().slice(0, 200))} is not the http(s) address of an issue`,
      "give the issue's link as your tracker shows it, e.g. https://acme.atlassian.net/browse/PAY-123",
    );
  }
  return url;
}

/** The tracker given (any case), else the one whose hosted address the URL is on. */
export function issueProvider(url: URL, given?: string): IssueProvider {
  if (given !== undefined) {
    const wanted = given
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_");
    const found = ISSUE_PROVIDERS.find((provider) => provider === wanted);
    if (found) return found;
    throw invalidArgument(
      `unknown issue tracker ${JSON.stringify(given.trim())}`,
      `use one of: ${ISSUE_PROVIDERS.join(", ")}`,
    );
  }
  const host = url.hostname.toLowerCase();
  const known = HOSTS.find(([pattern]) => pattern.test(host));
  if (known) return known[1];
  throw invalidArgument(
    `which tracker ${host} is cannot be told from its address`,
    `name it as the provider (one of: ${ISSUE_PROVIDERS.join(", ")}), e.g. jira_server for a self-hosted Jira`,
  );
}
