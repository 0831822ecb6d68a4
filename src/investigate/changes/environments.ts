/** The environments whose deploys reach users unless the hub is told otherwise (`changes.production_environments`). */
export const DEFAULT_PRODUCTION_ENVIRONMENTS: readonly string[] = ["production", "prod", "live"];

/** What a GitHub deployment says of its environment, when it says anything. */
export interface EnvironmentFlags {
  /** `deployment.transient_environment`: the environment will be torn down (a pull request's preview). */
  transient?: boolean | null | undefined;
  /** `deployment.production_environment`: end users interact with it directly. */
  production?: boolean | null | undefined;
}

/**
 * Which environments are production, by name (compared without regard to case; `*` stands for any characters, so
 * `prod-*` takes `prod-eu` and `prod-us`). A deploy is a production one when its environment is not transient and
 * either its name is listed or the deployment says it is a production environment; anything else (staging, a pull
 * request's preview, a name not listed) is not. A transient environment is never production, whatever its name:
 * GitHub marks preview environments so, and a preview named `production-pr-12` still serves no one.
 */
export class ProductionEnvironments {
  private readonly patterns: RegExp[];

  constructor(readonly names: readonly string[] = DEFAULT_PRODUCTION_ENVIRONMENTS) {
    this.patterns = names.map(
      (name) => new RegExp(`^${name.trim().split("*").map(escapeRegExp).join(".*")}$`, "i"),
    );
  }

  isProduction(environment: string, flags: EnvironmentFlags = {}): boolean {
    if (flags.transient === true) return false;
    if (flags.production === true) return true;
    const name = environment.trim();
    return this.patterns.some((pattern) => pattern.test(name));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
