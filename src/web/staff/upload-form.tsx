// A picture's two forms on the staff side (a therapist's photo, the practice logo): upload a file, and,
// when there is one, remove it. Plain multipart POSTs, no JavaScript needed.
import { FileField } from '../components/forms.tsx';

export function UploadForms(props: {
  /** Where the file goes; `${action}/remove` takes it down. */
  action: string;
  name: string;
  label: string;
  hint: string;
  accept: string;
  error?: string | undefined;
  submit: string;
  /** The remove button's words, or nothing when there is nothing to remove. */
  remove?: string | undefined;
}) {
  return (
    <>
      <form method="post" action={props.action} enctype="multipart/form-data" novalidate>
        <FileField name={props.name} label={props.label} hint={props.hint} accept={props.accept} error={props.error} />
        <button type="submit" class="button">
          {props.submit}
        </button>
      </form>
      {props.remove ? (
        <form method="post" action={`${props.action}/remove`}>
          <button type="submit" class="button button--secondary">
            {props.remove}
          </button>
        </form>
      ) : null}
    </>
  );
}
