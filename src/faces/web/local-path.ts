/** A path on this hub to go back to after signing in: never another site (`//evil`, `https://…`). */
export function localPath(next: string | undefined): string {
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}
