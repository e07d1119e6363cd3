// The API reference at /api: Swagger UI (self-hosted, bundled from swagger-ui-dist) reading the app's own
// OpenAPI document. Read-only: "Try it out" is off (the booking API makes real bookings), and nothing is
// sent to an outside validator.
// @ts-expect-error: swagger-ui-dist ships no types for its bundle
import SwaggerUIBundle from 'swagger-ui-dist/swagger-ui-bundle.js';

const root = document.getElementById('api-reference-root');
if (root) {
  root.textContent = '';
  SwaggerUIBundle({
    url: root.dataset.spec ?? '/api/v1/openapi.json',
    domNode: root,
    supportedSubmitMethods: [],
    validatorUrl: null,
    deepLinking: true,
    defaultModelsExpandDepth: 0,
  });
}
