/* The site's one script: what a static page cannot know by itself. No request leaves the
   site. Without JavaScript every page still reads in full; only search needs it. */
(function () {
  "use strict";
  // The citation box's address: the page's own, as the reader opened it.
  document.querySelectorAll("a.zz-address").forEach(function (a) {
    var here = location.href.split("#")[0];
    a.href = here;
    a.textContent = here;
  });
  // Search (Pagefind): it loads its index with fetch(), which a page opened as a file
  // cannot do, so such a page says how to serve the site instead.
  var box = document.querySelector("[data-zz-search]");
  if (!box) return;
  if (location.protocol === "file:") {
    document.querySelector(".zz-offline").hidden = false;
    return;
  }
  var script = document.createElement("script");
  script.src = "pagefind/pagefind-ui.js";
  script.onload = function () {
    var start = function (merge) {
      var ui = new PagefindUI({
        element: "#search",
        showSubResults: true,
        showImages: false,
        resetStyles: false,
        // long pages (the scorecard's 59 rows) are not pushed below short ones
        ranking: { pageLength: 0.3 },
        pageSize: 10,
        mergeIndex: merge,
      });
      var query = new URLSearchParams(location.search).get("q");
      if (query) ui.triggerSearch(query);
    };
    // the other edition's index, by its address from this page (Pagefind would read a
    // relative path from its own folder)
    var other = new URL(box.getAttribute("data-other"), location.href).pathname;
    fetch(other + "pagefind-entry.json", { method: "HEAD" })
      .then(function (r) {
        start(r.ok ? [{ bundlePath: other, language: box.getAttribute("data-other-lang"), indexWeight: 0.5 }] : []);
      })
      .catch(function () { start([]); });
  };
  document.body.appendChild(script);
})();
