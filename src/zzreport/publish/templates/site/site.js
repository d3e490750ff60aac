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
  // cannot do; such a page searches the build's search-index.js instead (offlineSearch).
  var box = document.querySelector("[data-zz-search]");
  if (!box) return;
  if (location.protocol === "file:") {
    offlineSearch(box);
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

  // A page opened as a file cannot fetch() Pagefind's index, but it can load scripts: each
  // edition's search-index.js (written by the build) adds its pages to window.zzSearch, and
  // a plain search over them runs here, on the reader's computer.
  function offlineSearch(box) {
    var other = box.getAttribute("data-other").replace(/pagefind\/$/, "");
    var prefixes = ["", other];
    window.zzSearch = [];
    var next = function (i) {
      if (i === prefixes.length) return offlineForm(box);
      var script = document.createElement("script");
      script.src = prefixes[i] + "search-index.js";
      script.onload = function () {
        var last = window.zzSearch[window.zzSearch.length - 1];
        if (last && last.prefix === undefined) last.prefix = prefixes[i];
        next(i + 1);
      };
      script.onerror = function () { next(i + 1); };  // the other edition was not built
      document.body.appendChild(script);
    };
    next(0);
  }

  function offlineForm(box) {
    var form = document.createElement("form");
    form.className = "zz-offline-search";
    form.setAttribute("role", "search");
    var input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.setAttribute("aria-label", box.getAttribute("data-label"));
    input.placeholder = box.getAttribute("data-label");
    var list = document.createElement("ol");
    list.className = "zz-results";
    var count = document.createElement("p");
    count.className = "zz-note";
    count.setAttribute("aria-live", "polite");
    form.appendChild(input);
    box.appendChild(form);
    box.appendChild(count);
    box.appendChild(list);
    var run = function () {
      var found = offlineMatches(input.value, box.getAttribute("data-other-name"));
      list.textContent = "";
      count.textContent = input.value.trim()
        ? box.getAttribute("data-count").replace("{n}", String(found.length))
        : "";
      found.slice(0, 20).forEach(function (hit) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = hit.href;
        link.className = "zz-result-link";
        link.textContent = hit.title;
        var snippet = document.createElement("p");
        snippet.textContent = hit.snippet;
        item.appendChild(link);
        item.appendChild(snippet);
        list.appendChild(item);
      });
    };
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("input", run);
    input.value = new URLSearchParams(location.search).get("q") || "";
    run();
  }

  function offlineMatches(query, otherName) {
    var terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!terms.length) return [];
    var hits = [];
    (window.zzSearch || []).forEach(function (edition) {
      edition.sections.forEach(function (s) {
        var body = s.text.toLowerCase(), title = s.title.toLowerCase(), score = 0;
        for (var i = 0; i < terms.length; i++) {
          var inBody = body.indexOf(terms[i]), inTitle = title.indexOf(terms[i]);
          if (inBody < 0 && inTitle < 0) return;  // every term must appear
          score += (inTitle >= 0 ? 5 : 0) + (inBody >= 0 ? 1 : 0) + s.weight;
        }
        var at = Math.max(body.indexOf(terms[0]), 0);
        var start = Math.max(at - 60, 0);
        hits.push({
          href: edition.prefix + s.href,
          title: s.title + (edition.prefix ? " [" + otherName + "]" : ""),
          snippet: (start ? "…" : "") + s.text.slice(start, start + 180) + "…",
          other: edition.prefix ? 1 : 0,
          score: score,
        });
      });
    });
    // the reader's own edition first, then by score
    return hits.sort(function (a, b) { return a.other - b.other || b.score - a.score; });
  }
})();
