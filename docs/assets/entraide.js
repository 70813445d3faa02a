// Entraide: filter the challenge catalogue by track and level. Without JavaScript every challenge stays
// listed, grouped by track; with it, two selects hide what does not match. Labels come from the page
// (section headings, data attributes), never from markup built out of strings.
(function () {
  "use strict";

  var LABELS = {
    fr: { track: "Parcours", level: "Niveau", all: "Tous",
          done: "Réussi", pending: "En relecture", open: "Ouvert", locked: "Verrouillé" },
    en: { track: "Track", level: "Level", all: "All",
          done: "Done", pending: "Pending review", open: "Open", locked: "Locked" }
  };

  function labels() {
    var lang = (document.documentElement.lang || "en").slice(0, 2);
    return LABELS[lang] || LABELS.en;
  }

  function option(value, text) {
    var element = document.createElement("option");
    element.value = value;
    element.textContent = text;
    return element;
  }

  function select(name, label, choices, all) {
    var wrapper = document.createElement("label");
    var control = document.createElement("select");
    control.name = name;
    control.appendChild(option("", all));
    choices.forEach(function (choice) { control.appendChild(option(choice[0], choice[1])); });
    wrapper.appendChild(document.createTextNode(label));
    wrapper.appendChild(control);
    return wrapper;
  }

  function trackChoices(catalogue) {
    return Array.prototype.map.call(catalogue.querySelectorAll("section[data-track]"), function (section) {
      var heading = section.querySelector("h2");
      return [section.dataset.track, heading ? heading.textContent.replace("¶", "").trim() : section.dataset.track];
    });
  }

  function levelChoices(catalogue, label) {
    var levels = {};
    catalogue.querySelectorAll("[data-level]").forEach(function (item) { levels[item.dataset.level] = true; });
    return Object.keys(levels).sort().map(function (level) { return [level, label + " " + level]; });
  }

  function apply(catalogue, form) {
    var track = form.querySelector("select[name=track]").value;
    var level = form.querySelector("select[name=level]").value;
    catalogue.querySelectorAll("section[data-track]").forEach(function (section) {
      var shown = 0;
      section.querySelectorAll(".entraide-challenge").forEach(function (item) {
        var match = (!track || item.dataset.track === track) && (!level || item.dataset.level === level);
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      section.hidden = shown === 0;
    });
  }

  // Coming from a profile, the link carries the learner's state per challenge (?done=a,b&pending=c&locked=d);
  // every other challenge is open. Slugs are only compared, never inserted as markup.
  function markStates(catalogue, text) {
    var params = new URLSearchParams(window.location.search);
    if (!["done", "pending", "locked"].some(function (state) { return params.has(state); })) { return; }
    var states = {};
    ["done", "pending", "locked"].forEach(function (state) {
      (params.get(state) || "").split(",").forEach(function (slug) { if (slug) { states[slug] = state; } });
    });
    catalogue.querySelectorAll(".entraide-challenge[data-slug]").forEach(function (item) {
      var state = states[item.dataset.slug] || "open";
      var badge = document.createElement("span");
      badge.className = "entraide-state entraide-state--" + state;
      badge.textContent = text[state];
      item.dataset.state = state;
      item.insertBefore(badge, item.firstChild);
    });
  }

  function setUp() {
    var catalogue = document.querySelector("[data-entraide-filter]");
    if (!catalogue || catalogue.dataset.ready) { return; }
    catalogue.dataset.ready = "1";
    var text = labels();
    markStates(catalogue, text);
    var form = document.createElement("form");
    form.className = "entraide-filters";
    form.appendChild(select("track", text.track, trackChoices(catalogue), text.all));
    form.appendChild(select("level", text.level, levelChoices(catalogue, text.level), text.all));
    form.addEventListener("change", function () { apply(catalogue, form); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    catalogue.parentNode.insertBefore(form, catalogue);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);  // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
