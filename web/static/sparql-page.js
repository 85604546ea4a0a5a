// The SPARQL page with YASGUI: served by us, no CDN, and no look-ups on other hosts
// (YASQE's stock prefix, class and property completers call prefix.cc and LOV).
(function () {
  var form = document.getElementById("plain-form");
  var host = document.getElementById("yasgui");
  if (!window.Yasgui || !host) return;
  var PREFIXES = {
    gcm: "https://w3id.org/gcmkg/ontology#", skos: "http://www.w3.org/2004/02/skos/core#",
    dcterms: "http://purl.org/dc/terms/", eli: "http://data.europa.eu/eli/ontology#",
    schema: "https://schema.org/", org: "http://www.w3.org/ns/org#", prov: "http://www.w3.org/ns/prov#",
    rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#", rdfs: "http://www.w3.org/2000/01/rdf-schema#",
    xsd: "http://www.w3.org/2001/XMLSchema#", owl: "http://www.w3.org/2002/07/owl#",
    foaf: "http://xmlns.com/foaf/0.1/", sh: "http://www.w3.org/ns/shacl#",
    objective: "https://w3id.org/gcmkg/gcm/objective/", principle: "https://w3id.org/gcmkg/gcm/principle/",
    country: "https://w3id.org/gcmkg/country/", region: "https://w3id.org/gcmkg/region/",
    sdg: "http://metadata.un.org/sdg/"
  };
  var Yasqe = window.Yasgui.Yasqe;
  Yasqe.forkAutocompleter("prefixes", {
    name: "gcmkg-prefixes", persistenceId: null,
    get: function () { return Object.keys(PREFIXES).map(function (p) { return p + ": <" + PREFIXES[p] + ">"; }); }
  });
  var initial = document.getElementById("query").value;
  var yasgui = new window.Yasgui(host, {
    requestConfig: { endpoint: "/sparql", method: "POST" },
    copyEndpointOnNewTab: false, endpointCatalogueOptions: { getData: function () { return []; } },
    yasqe: { value: initial, autocompleters: ["gcmkg-prefixes", "variables"] },
    persistenceId: null
  });
  form.hidden = true;
  // Name YASGUI's unlabelled fields for assistive technology (WCAG 1.3.1, 4.1.2).
  host.querySelectorAll("input.autocomplete").forEach(function (el) { el.setAttribute("aria-label", "SPARQL endpoint"); });
  host.querySelectorAll(".CodeMirror textarea").forEach(function (el) { el.setAttribute("aria-label", "SPARQL query"); });
  document.querySelectorAll("ul.examples a[data-query]").forEach(function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      var tab = yasgui.getTab();
      tab.setQuery(a.getAttribute("data-query"));
      tab.query();
    });
  });
  var params = new URLSearchParams(window.location.search);
  var given = params.get("edit") || params.get("query");
  if (given) { yasgui.getTab().setQuery(given); }
})();
