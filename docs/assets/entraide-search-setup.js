// Entraide: point Material's search at its French-aware wrapper (assets/javascripts/workers/entraide-search.js).
// Runs before Material's bundle, which reads the worker's address from the page's #__config; the wrapper loads
// Material's own worker, whose file name it is given. Nothing changes when the page has no such worker.
(function () {
  "use strict";
  var element = document.getElementById("__config");
  if (!element) return;
  var config = JSON.parse(element.textContent);
  var match = /^(.*\/workers\/)(search\.[0-9a-f]+\.min\.js)$/.exec(config.search || "");
  if (!match) return;
  config.search = match[1] + "entraide-search.js?material=" + encodeURIComponent(match[2]);
  element.textContent = JSON.stringify(config);
})();
