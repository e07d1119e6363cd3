// The API reference: a page for people, drawn from the same OpenAPI document the API serves as JSON.
// Without JavaScript it says what the API is and links the document itself.
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { renderPage } from '../render.tsx';

export function apiReferencePage(c: Context<AppEnv>) {
  return renderPage(
    c,
    {
      title: 'API reference',
      description: 'The public JSON API: services, therapists, free times, matching and booking.',
      scripts: ['api-reference.js'],
      styles: ['swagger-ui.css'],
    },
    <>
      <h1>API reference</h1>
      <div class="prose">
        <p>
          Everything the site does for a visitor can also be done through a JSON API: list services and therapists, see free times, find a match, book and
          manage a booking. This page describes each call, what it takes and what it answers. The same description is available as an{' '}
          <a href="/api/v1/openapi.json">OpenAPI document</a> for tools that read it.
        </p>
      </div>
      <div class="api-reference" id="api-reference-root" data-spec="/api/v1/openapi.json">
        <p class="notice">The interactive reference needs JavaScript. Without it, the OpenAPI document linked above holds the same description.</p>
      </div>
    </>,
  );
}
