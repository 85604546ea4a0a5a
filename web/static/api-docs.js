// The JSON API's documentation: Swagger UI, vendored from npm (no CDN), over our /openapi.json.
(function () {
  "use strict";
  var host = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: host.getAttribute("data-openapi"),
    domNode: host,
    deepLinking: true,
    tryItOutEnabled: true,
    validatorUrl: null            // never send our description to the public validator
  });
})();
