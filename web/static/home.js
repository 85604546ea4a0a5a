// The world map: a click on a country with entries opens its page (the table after the map has the same links).
(function () {
  document.querySelectorAll(".world-map path[data-href]").forEach(function (path) {
    path.addEventListener("click", function () { window.location.href = path.getAttribute("data-href"); });
  });
})();
