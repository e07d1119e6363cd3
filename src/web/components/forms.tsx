// Accessible form parts in the GOV.UK / NHS.UK pattern: a label or legend, an optional hint, an error
// message tied to the control with aria-describedby, and an error summary whose links move focus to the
// field. Every control's id is `fieldId(name)` (for a group: its first option), so a summary link lands
// on it.
import type { Child } from 'hono/jsx';

export type FieldErrors = Record<string, string>;

/** The id of a field's control; a page with two forms gives each its own prefix. */
export const fieldId = (name: string, idPrefix?: string) => (idPrefix ? `f-${idPrefix}-${name}` : `f-${name}`);

/** Zod issues → the first message per field (the first path segment names the field; '_form' for none). */
export function formErrors(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '_form';
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

export interface ErrorSummaryProps {
  errors: FieldErrors;
  /** Field names in page order; fields not listed follow in insertion order. */
  order?: string[];
  title?: string;
  /** The idPrefix the form's fields were given. */
  idPrefix?: string;
}

/** "There is a problem": shown at the top of a form answered with errors; each entry links to its field. */
export function ErrorSummary({ errors, order = [], title = 'There is a problem', idPrefix }: ErrorSummaryProps) {
  const names = [...order.filter((n) => n in errors), ...Object.keys(errors).filter((n) => !order.includes(n))];
  if (names.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby={fieldId('error-summary', idPrefix)} tabindex={-1}>
      <h2 id={fieldId('error-summary', idPrefix)}>{title}</h2>
      <ul>
        {names.map((name) => (
          <li>{name === '_form' ? errors[name] : <a href={`#${fieldId(name, idPrefix)}`}>{errors[name]}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

/** Prefix for the page title when a form comes back with errors, so screen readers hear it first. */
export const errorTitle = (title: string, errors: FieldErrors) => (Object.keys(errors).length > 0 ? `Error: ${title}` : title);

interface BaseProps {
  name: string;
  label: Child;
  error?: string | undefined;
  hint?: Child;
  /** Set when two forms on one page share field names. */
  idPrefix?: string | undefined;
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A field's error, read out as "Error: …"; a paragraph where it stands on its own (not inside a label's row). */
export function ErrorMessage({ id, error, paragraph }: { id: string; error?: string | undefined; paragraph?: boolean }) {
  if (!error) return null;
  const Tag = paragraph ? 'p' : 'span';
  return (
    <Tag class="error-message" id={id}>
      <span class="visually-hidden">Error: </span>
      {error}
    </Tag>
  );
}

function HintAndError({ id, hint, error }: { id: string; hint?: Child; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <ErrorMessage id={`${id}-error`} error={error} />
    </>
  );
}

/** What every single control takes: its id and name, and the hint and error it is described by. */
interface ControlAttrs {
  id: string;
  name: string;
  'aria-describedby': string | undefined;
  'aria-invalid': 'true' | undefined;
}

/** A field of one control: the wrapper, the label, the hint and the error, then the control itself. */
function Labelled(props: BaseProps & { control: (attrs: ControlAttrs) => Child }) {
  const id = fieldId(props.name, props.idPrefix);
  const attrs: ControlAttrs = {
    id,
    name: props.name,
    'aria-describedby': describedBy(id, props.hint, props.error),
    'aria-invalid': props.error ? 'true' : undefined,
  };
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={id}>{props.label}</label>
      <HintAndError id={id} hint={props.hint} error={props.error} />
      {props.control(attrs)}
    </div>
  );
}

export interface TextFieldProps extends BaseProps {
  value?: string | undefined;
  type?: 'text' | 'email' | 'tel' | 'password' | 'date' | 'search';
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'tel' | 'email' | 'url';
  maxLength?: number;
  spellcheck?: boolean;
}

export function TextField(props: TextFieldProps) {
  return (
    <Labelled
      {...props}
      control={(a) => (
        <input
          {...a}
          type={props.type ?? 'text'}
          value={props.value ?? ''}
          autocomplete={props.autocomplete}
          inputmode={props.inputmode}
          maxlength={props.maxLength}
          spellcheck={props.spellcheck}
        />
      )}
    />
  );
}

export interface TextAreaProps extends BaseProps {
  value?: string | undefined;
  rows?: number;
  maxLength?: number;
}

export function TextArea(props: TextAreaProps) {
  return (
    <Labelled
      {...props}
      control={(a) => (
        <textarea {...a} rows={props.rows ?? 6} maxlength={props.maxLength}>
          {props.value ?? ''}
        </textarea>
      )}
    />
  );
}

export interface Option {
  value: string;
  label: Child;
  hint?: Child;
}

export interface RadioGroupProps extends BaseProps {
  value?: string | undefined;
  options: Option[];
  /** Extra class on the fieldset (e.g. 'choices--inline'). */
  class?: string;
}

function ChoiceGroup(props: BaseProps & { type: 'radio' | 'checkbox'; options: Option[]; checked: (v: string) => boolean; class?: string | undefined }) {
  const base = fieldId(props.name, props.idPrefix);
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <fieldset class={props.class} aria-describedby={describedBy(base, props.hint, props.error)}>
        <legend>{props.label}</legend>
        <HintAndError id={base} hint={props.hint} error={props.error} />
        {props.options.map((option, i) => {
          const id = i === 0 ? base : `${base}-${i}`;
          return (
            <div class="choice">
              <input
                id={id}
                type={props.type}
                name={props.name}
                value={option.value}
                checked={props.checked(option.value)}
                aria-describedby={option.hint ? `${id}-hint` : undefined}
              />
              <span class="choice__text">
                <label for={id}>{option.label}</label>
                {option.hint ? (
                  <span class="hint" id={`${id}-hint`}>
                    {option.hint}
                  </span>
                ) : null}
              </span>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export function RadioGroup(props: RadioGroupProps) {
  return <ChoiceGroup {...props} type="radio" checked={(v) => props.value === v} />;
}

export interface CheckboxGroupProps extends BaseProps {
  value?: string[] | undefined;
  options: Option[];
  class?: string;
}

export function CheckboxGroup(props: CheckboxGroupProps) {
  const values = props.value ?? [];
  return <ChoiceGroup {...props} type="checkbox" checked={(v) => values.includes(v)} />;
}

export interface SelectFieldProps extends BaseProps {
  value?: string | undefined;
  options: { value: string; label: string }[];
  /** A first, empty option ("Choose…"). */
  placeholder?: string;
}

export function SelectField(props: SelectFieldProps) {
  return (
    <Labelled
      {...props}
      control={(a) => (
        <select {...a}>
          {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
          {props.options.map((o) => (
            <option value={o.value} selected={props.value === o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export interface FileFieldProps extends BaseProps {
  /** MIME types the file picker offers (the server judges the file by its content anyway). */
  accept: string;
}

/** One file to upload; the form needs method="post" and enctype="multipart/form-data". */
export function FileField(props: FileFieldProps) {
  return <Labelled {...props} control={(a) => <input {...a} type="file" accept={props.accept} />} />;
}

/** An e-mail address: the right keyboard, autofill and no spelling marks; named "email" unless told. */
export function EmailField(props: Omit<TextFieldProps, 'type' | 'autocomplete' | 'spellcheck' | 'name'> & { name?: string }) {
  return <TextField {...props} name={props.name ?? 'email'} type="email" autocomplete="email" spellcheck={false} />;
}

/** A form that is only a button: one POST with no fields (signing out, turning something off). */
export function PostButton({ action, label, variant }: { action: string; label: string; variant: 'primary' | 'secondary' | 'danger' }) {
  return (
    <form method="post" action={action}>
      <button type="submit" class={variant === 'primary' ? 'button' : `button button--${variant}`}>
        {label}
      </button>
    </form>
  );
}
