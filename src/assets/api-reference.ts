// The API reference at /api: Swagger UI (self-hosted, bundled from swagger-ui-dist) reading the app's own
// OpenAPI document. Read-only: "Try it out" is off (the booking API makes real bookings), and nothing is
// sent to an outside validator.
// @ts-expect-error: swagger-ui-dist ships no types for its bundle
import SwaggerUIBundle from 'swagger-ui-dist/swagger-ui-bundle.js';

/**
 * Swagger UI draws its own <main> inside the page's and puts its section headings at level 3 under our
 * level 1: the section becomes a named region and its headings level 2, whenever Swagger UI redraws.
 */
function fitOutline(root: HTMLElement) {
  for (const main of root.querySelectorAll('main:not([role])')) {
    main.setAttribute('role', 'region');
    main.setAttribute('aria-label', 'Operations');
  }
  // Under the page's own h1: Swagger UI's title h1 → 2, section h3 → 2, h4 → 3, h5 → 4.
  const levels: [string, string][] = [
    ['h1', '2'],
    ['h3.opblock-tag', '2'],
    ['h4', '3'],
    ['h5', '4'],
  ];
  for (const [selector, level] of levels) for (const h of root.querySelectorAll(`${selector}:not([aria-level])`)) h.setAttribute('aria-level', level);
}

const root = document.getElementById('api-reference-root');
if (root) {
  new MutationObserver(() => fitOutline(root)).observe(root, { childList: true, subtree: true });
  root.textContent = '';
  SwaggerUIBundle({
    url: root.dataset.spec ?? '/api/v1/openapi.json',
    domNode: root,
    supportedSubmitMethods: [],
    validatorUrl: null,
    // No deep links: Swagger UI puts them as links inside the summary buttons (nested controls).
    deepLinking: false,
    defaultModelsExpandDepth: 0,
  });
}
