// A table that scrolls sideways on a narrow screen instead of the page: focusable (so a keyboard can
// scroll it), named by its caption, with column headings.
import type { Child } from 'hono/jsx';

export function ScrollTable({ id, caption, headings, children }: { id: string; caption: string; headings: string[]; children: Child }) {
  return (
    <section class="table-scroll" aria-labelledby={`${id}-caption`} tabindex={0}>
      <table class="table">
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            {headings.map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}
