import type { IssueProvider } from "./model-follow-ups.js";

/**
 * The human-readable name of an issue from its URL, as issue trackers show it (`PAY-123`, `ENG-42`,
 * `acme/api#17`). When a URL has no recognisable issue in it, its last path segment stands in.
 */
export function issueNameFromUrl(provider: IssueProvider, url: URL): string {
  const segments = url.pathname
    .split("/")
    .filter((s) => s !== "")
    .map(decodeURIComponent);
  const after = (marker: string) => {
    const at = segments.indexOf(marker);
    return at >= 0 ? segments[at + 1] : undefined;
  };
  const key = /^[A-Za-z][A-Za-z0-9_]*-\d+$/;
  switch (provider) {
    case "jira":
    case "jira_server": {
      const selected = url.searchParams.get("selectedIssue");
      const found = after("browse") ?? (selected && key.test(selected) ? selected : undefined);
      if (found) return found;
      break;
    }
    case "linear": {
      const found = after("issue");
      if (found) return found;
      break;
    }
    case "github": {
      const kind = segments[2];
      if ((kind === "issues" || kind === "pull") && segments[3])
        return `${segments[0]}/${segments[1]}#${segments[3]}`;
      break;
    }
    case "gitlab": {
      const dash = segments.indexOf("-");
      const number = dash > 0 ? segments[dash + 2] : undefined;
      if (number && segments[dash + 1] === "issues") return `${segments.slice(0, dash).join("/")}#${number}`;
      break;
    }
    case "shortcut": {
      const found = after("story");
      if (found) return `sc-${found}`;
      break;
    }
    case "azure_devops": {
      const found = after("edit");
      if (found) return `#${found}`;
      break;
    }
    default:
      break;
  }
  return segments[segments.length - 1] ?? url.host;
}
