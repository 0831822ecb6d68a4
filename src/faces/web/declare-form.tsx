import type { DeclareField, DeclareFormModel } from "./model.js";

/** What the person typed, kept when the form comes back with errors. */
export interface DeclareValues {
  name: string;
  summary: string;
  severity: string;
  mode: string;
}

export const EMPTY_DECLARE_VALUES: DeclareValues = { name: "", summary: "", severity: "", mode: "standard" };

/** The form's problems: one message per field, and one for the whole form. */
export interface DeclareProblems {
  form: string | null;
  fields: Partial<Record<DeclareField, string>>;
}

function FieldError(props: { id: string; message: string | undefined }) {
  return props.message ? (
    <p class="field-error" id={props.id}>
      {props.message}
    </p>
  ) : null;
}

/** "Declare incident" for one service: posts to `action` with the form token. */
export function DeclareForm(props: {
  model: DeclareFormModel;
  action: string;
  token: string;
  values: DeclareValues;
  problems: DeclareProblems | null;
}) {
  const { model, values } = props;
  const fields = props.problems?.fields ?? {};
  const invalid = (field: DeclareField) => (fields[field] ? "true" : undefined);
  const describedBy = (field: DeclareField, hint?: string) =>
    [fields[field] ? `declare-${field}-error` : undefined, hint].filter(Boolean).join(" ") || undefined;
  return (
    <form method="post" action={props.action} class="declare" novalidate>
      <input type="hidden" name="token" value={props.token} />
      {props.problems?.form ? (
        <div class="form-error" role="alert">
          {props.problems.form}
        </div>
      ) : null}
      <div class="field">
        <label for="declare-name">Name</label>
        <input
          id="declare-name"
          name="name"
          type="text"
          required
          maxlength={250}
          value={values.name}
          placeholder="Checkout returning 5xx"
          aria-invalid={invalid("name")}
          aria-describedby={describedBy("name")}
        />
        <FieldError id="declare-name-error" message={fields.name} />
      </div>
      <div class="field">
        <label for="declare-summary">Summary (optional)</label>
        <textarea
          id="declare-summary"
          name="summary"
          rows={3}
          aria-invalid={invalid("summary")}
          aria-describedby={describedBy("summary")}
        >
          {values.summary}
        </textarea>
        <FieldError id="declare-summary-error" message={fields.summary} />
      </div>
      <div class="field">
        <label for="declare-severity">Severity</label>
        <select
          id="declare-severity"
          name="severity"
          required
          aria-invalid={invalid("severity")}
          aria-describedby={describedBy("severity")}
        >
          <option value="" selected={values.severity === ""}>
            Choose a severity
          </option>
          {[...model.severities].reverse().map((severity) => (
            <option value={severity.id} selected={values.severity === severity.id}>
              {severity.name}
            </option>
          ))}
        </select>
        <FieldError id="declare-severity-error" message={fields.severity} />
      </div>
      <fieldset class="field" aria-describedby={describedBy("mode")}>
        <legend>Mode</legend>
        <label class="inline">
          <input type="radio" name="mode" value="standard" checked={values.mode !== "test"} /> Standard
        </label>
        <label class="inline">
          <input type="radio" name="mode" value="test" checked={values.mode === "test"} /> Test (marked as a
          test in incident.io)
        </label>
        <FieldError id="declare-mode-error" message={fields.mode} />
      </fieldset>
      {model.customField ? (
        <p class="muted small" id="declare-field-note">
          The incident gets {model.customField.name} = <strong>{model.customField.value}</strong>, so it shows
          on this page{model.account ? ` (account ${model.account})` : ""}.
        </p>
      ) : (
        <p class="warn small">
          No custom field maps incidents to this service, so the new incident will not show here. Set the
          catalog's incident field, or this entity's incidentkit.io/incident-field-value annotation.
        </p>
      )}
      <button type="submit" class="primary">
        Declare incident
      </button>
    </form>
  );
}
