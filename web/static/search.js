// Faceted search, improved when JavaScript runs; every control works without it (plain links and forms).
(function () {
  // On a phone the filter panel starts folded, so the results come first.
  var filters = document.getElementById("filters");
  if (filters && window.matchMedia("(max-width: 60rem)").matches) { filters.open = false; }
  // Choosing a sort order applies it at once.
  var sortForm = document.querySelector(".sort-form");
  if (sortForm) {
    var select = sortForm.querySelector("select");
    var button = sortForm.querySelector("button");
    if (button) { button.hidden = true; }
    select.addEventListener("change", function () { sortForm.submit(); });
  }
  // Long lists (organisations, countries) get a box to narrow them down.
  document.querySelectorAll(".facet-organisation, .facet-region").forEach(function (facet) {
    var heading = facet.querySelector("h3");
    var input = document.createElement("input");
    input.type = "search";
    input.className = "facet-filter";
    input.setAttribute("aria-label", facet.getAttribute("data-filter-label") || heading.textContent);
    input.placeholder = facet.getAttribute("data-filter-placeholder") || "";
    heading.insertAdjacentElement("afterend", input);
    input.addEventListener("input", function () {
      var text = input.value.trim().toLowerCase();
      Array.prototype.slice.call(facet.querySelectorAll("li")).reverse().forEach(function (li) {
        var own = (li.firstChild && li.firstChild.textContent || li.textContent).toLowerCase();
        li.hidden = text !== "" && own.indexOf(text) < 0 && li.querySelector("li:not([hidden])") === null;
      });
      if (text) { facet.querySelectorAll("details").forEach(function (d) { d.open = true; }); }
    });
  });
})();
