// Starts Swagger UI on the API's own document. Kept out of the HTML so the page needs no inline script.
window.addEventListener('DOMContentLoaded', function () {
  'use strict';
  window.ui = SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    layout: 'BaseLayout',
    presets: [SwaggerUIBundle.presets.apis],
    validatorUrl: null,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    displayOperationId: true,
    tryItOutEnabled: false,
    persistAuthorization: false
  });
});
