import type { Context } from "hono";
import { type Child, createContext, useContext } from "hono/jsx";

type Renderable = { toString(): string | Promise<string> };

/** Who is looking at a page, as the layout names them: "Signed in as ana@example.com · sign out". */
export interface Viewer {
  /** "as ana@example.com", "with the admin token". */
  who: string;
  /** Whether the hub can sign them out (not when a proxy in front of it signs people in). */
  signOut: boolean;
  /** Whether `auth.private_incidents` lets them see private incidents. */
  seesPrivate: boolean;
}

const ViewerContext = createContext<Viewer | null>(null);
/** Per request, set by the sign-in guard: pages are built without knowing who asked. */
const viewers = new WeakMap<Request, Viewer>();

export function rememberViewer(c: Context, viewer: Viewer): void {
  viewers.set(c.req.raw, viewer);
}

/** Whether this request's viewer may see private incidents: never without sign-in. */
export function seesPrivate(c: Context): boolean {
  return viewers.get(c.req.raw)?.seesPrivate === true;
}

/**
 * Everything the hub knows of this request's viewer, as one string: pages kept to be sent again are kept by it
 * (page-cache.ts), so a page goes only to viewers known alike in every respect, whatever `Viewer` comes to hold.
 * Empty without sign-in.
 */
export function viewerKey(c: Context): string {
  const viewer = viewers.get(c.req.raw);
  return viewer === undefined ? "" : JSON.stringify(viewer);
}

/** The page, told who is signed in for this request (if anyone), for the layout to show. */
export function withViewer(c: Context, page: Renderable): Renderable {
  const viewer = viewers.get(c.req.raw);
  if (!viewer) return page;
  return (<ViewerContext.Provider value={viewer}>{page as Child}</ViewerContext.Provider>) as Renderable;
}

/** The header's "Signed in as … · sign out"; nothing when nobody signed in (a hub without sign-in). */
export function SignedInAs() {
  const viewer = useContext(ViewerContext);
  if (!viewer) return null;
  return (
    <form method="post" action="/sign-out" class="signed-in">
      Signed in {viewer.who}
      {/* An input, not a button: the script that marks submitted buttons busy ("Declaring…") leaves it be. */}
      {viewer.signOut ? (
        <>
          {" · "}
          <input type="submit" value="sign out" />
        </>
      ) : null}
    </form>
  );
}
