import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Clock } from "../../shared/clock.js";
import { crossSiteReason, formIdempotencyKey, type Signer } from "./csrf.js";
import { checkDeclareValues, declareValues } from "./declare.js";
import { type DeclareProblems, type DeclareValues, EMPTY_DECLARE_VALUES } from "./declare-form.js";
import { errorView, hintSentence } from "./error-view.js";
import { serviceUrl } from "./format.js";
import type { Flash } from "./layout.js";
import { DeclareError, type WebData } from "./model.js";
import { MessagePage } from "./pages/message.js";
import { ServicePage } from "./pages/service.js";
import { pageNumber } from "./query.js";
import { sendPage } from "./respond.js";

const FLASH = "declared";
const MAX_FORM_BYTES = 64 * 1024;

/** The flash after a declare, by whether that submission opened the incident (`DeclaredIncident.created`). */
function declaredText(created: unknown): string {
  if (created === true) return "Incident created:";
  if (created === false) return "Already declared by this form, nothing new opened:";
  return "Incident declared:";
}

interface FormState {
  values: DeclareValues;
  problems: DeclareProblems | null;
  /** The submitted form's nonce, kept so submitting again keeps the idempotency key. */
  nonce?: string;
}

const declareAction = (ref: string): string => `${serviceUrl(ref)}/declare`;

/** `GET /services/:ref` and `POST /services/:ref/declare`. */
export function serviceRoutes(
  app: Hono,
  data: WebData,
  deps: { clock: Clock; signer: Signer; allowedOrigins: readonly string[] },
): void {
  const { clock, signer } = deps;

  const notFound = (c: Context, ref: string) =>
    sendPage(
      c,
      MessagePage({
        title: "No such service",
        section: "services",
        children: `No catalog entity has the reference “${ref}”. Pick one from the Services page; references look like component:default/payments-api.`,
      }),
      404,
    );

  // Its page offers no form (see DeclareOnParts): only a post made elsewhere gets here.
  const notDeclarable = (c: Context, name: string) =>
    sendPage(
      c,
      MessagePage({
        title: "Declare on a Component",
        section: "services",
        children: `Incidents are declared on a Component, so that they map to it: ${name}'s page links to its Components' pages, whose forms declare incidents it then shows too. Nothing was declared.`,
      }),
      422,
    );

  const flashOf = (sealed: string | undefined): Flash | null => {
    const opened = sealed ? signer.open(FLASH, sealed) : undefined;
    if (typeof opened !== "object" || opened === null) return null;
    const { reference, permalink, created } = opened as {
      reference?: unknown;
      permalink?: unknown;
      created?: unknown;
    };
    if (typeof reference !== "string") return null;
    return {
      text: declaredText(created),
      link: { label: reference, url: typeof permalink === "string" ? permalink : null },
    };
  };

  const render = async (c: Context, ref: string, form: FormState, status: 200 | 403 | 422 | 502 = 200) => {
    const model = await data.service(ref, { historyPage: pageNumber(c.req.query("history_page")) });
    if (!model) return notFound(c, ref);
    const token = signer.formToken(declareAction(model.entity.ref), clock.now(), form.nonce);
    const flash = status === 200 ? flashOf(c.req.query(FLASH)) : null;
    return sendPage(
      c,
      ServicePage({
        model,
        now: clock.now(),
        flash,
        form: { token, values: form.values, problems: form.problems },
      }),
      status,
    );
  };

  app.get("/services/:ref", (c) =>
    render(c, c.req.param("ref"), { values: EMPTY_DECLARE_VALUES, problems: null }),
  );
  // `component:default/payments-api` as written, its slash not encoded (copied from `catalog list`).
  app.get("/services/:kindAndNamespace/:name", (c) =>
    render(c, `${c.req.param("kindAndNamespace")}/${c.req.param("name")}`, {
      values: EMPTY_DECLARE_VALUES,
      problems: null,
    }),
  );

  app.post(
    "/services/:ref/declare",
    bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: (c) =>
        sendPage(
          c,
          MessagePage({ title: "Form too large", children: "Shorten the summary and submit again." }),
          413,
        ),
    }),
    async (c) => {
      const ref = c.req.param("ref");
      const crossSite = crossSiteReason(
        c.req.url,
        { origin: c.req.header("origin"), secFetchSite: c.req.header("sec-fetch-site") },
        deps.allowedOrigins,
      );
      if (crossSite !== undefined) {
        return sendPage(
          c,
          MessagePage({
            title: "Request refused",
            section: "services",
            children: `Refused: ${crossSite}. Declare incidents from the service's page on this hub.`,
          }),
          403,
        );
      }
      const body = await c.req.parseBody();
      const values = declareValues(body);
      const nonce = signer.checkFormToken(
        declareAction(ref),
        typeof body.token === "string" ? body.token : "",
        clock.now(),
      );
      if (nonce === undefined) {
        const problems = {
          form: "The form had expired or did not come from this page, so nothing was declared. Check your input below and submit again.",
          fields: {},
        };
        return render(c, ref, { values, problems }, 403);
      }
      const model = await data.service(ref, { historyPage: 1 });
      if (!model) return notFound(c, ref);
      if (model.entity.kind !== "Component") return notDeclarable(c, model.entity.title ?? model.entity.name);
      const problems = checkDeclareValues(values, model.declare);
      if (problems) return render(c, ref, { values, problems, nonce }, 422);
      const mode = values.mode === "test" ? "test" : "standard";
      try {
        const declared = await data.declareIncident({
          entityRef: model.entity.ref,
          name: values.name.trim(),
          summary: values.summary.trim(),
          severity: values.severity,
          mode,
          idempotencyKey: formIdempotencyKey(nonce, [
            model.entity.ref,
            values.name,
            values.summary,
            values.severity,
            mode,
          ]),
        });
        const flash = signer.seal(FLASH, {
          reference: declared.reference,
          permalink: declared.permalink,
          created: declared.created,
        });
        return c.redirect(`${serviceUrl(model.entity.ref)}?${FLASH}=${encodeURIComponent(flash)}`, 303);
      } catch (error) {
        if (error instanceof DeclareError) {
          return render(
            c,
            ref,
            { values, nonce, problems: { form: error.message, fields: error.fields } },
            422,
          );
        }
        const view = errorView(error);
        const fix = view.known ? ` ${hintSentence(view.hint)}` : "";
        const form = `incident.io did not declare the incident: ${view.message.replace(/\.$/, "")}.${fix} Your input is kept below: submit again to retry (submitting this form again never opens a second incident).`;
        return render(c, ref, { values, nonce, problems: { form, fields: {} } }, 502);
      }
    },
  );
}
