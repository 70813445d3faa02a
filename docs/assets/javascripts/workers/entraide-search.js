// Entraide: Material's search worker, with French that matches as readers type it.
//
// Material's worker (loaded below, unchanged) builds a lunr index with the configured languages, but keeps only
// the stop-word filter: it appends a wildcard to every query term, and lunr runs no pipeline on a wildcard term,
// so a stemmer in the index alone would make stems that no query reaches. This wrapper normalises words the
// same way on both sides:
//   - in the index, one step appended to the pipeline turns each word into its key;
//   - in the query, every clause the lunr parser reads (Material's own analysis and the search itself use the
//     same parser) is turned into the same key, wildcard kept.
// A word's key: lower case (done by the tokenizer), accents folded (« accessibilité » and « accessibilite »
// meet), stemmed by the first configured language's snowball stemmer (« formulaires », « formulaire »),
// and, when the word belongs to a group of the programme's own vocabulary (search-synonyms.js), the group's key.
// Stop words are dropped from queries of several words (« base de données »: « de* » would match every word
// starting with « de »). A word of a group is indexed under both its own key and its group's key, so that a
// query word that only begins it (« kudo » for « kudos ») still reaches it.
// Results are ranked by page, not by section (see "Ranking" below).
//
// Loaded as the worker instead of Material's by assets/entraide-search-setup.js, which passes Material's file
// name; this file sits beside it so that Material's relative paths (../lunr/...) still resolve.
(function () {
  "use strict";

  var material = new URLSearchParams(self.location.search).get("material") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) throw new Error("entraide-search: unexpected worker name");

  var language = null;   // first configured language, set by the setup message (read before Material's handler)
  var groups = null;     // word key -> group key

  self.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type === 0 && data.data && data.data.config) language = data.data.config.lang[0] || "en";
  });

  importScripts("search-synonyms.js", material);
  var lunr = self.lunr;

  function fold(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/œ/g, "oe").replace(/æ/g, "ae");
  }

  function stemmer() {
    if (language && language !== "en" && lunr[language] && lunr[language].stemmer) return lunr[language].stemmer;
    return lunr.stemmer;
  }

  function stem(word) {
    var token = stemmer()(new lunr.Token(word, {}));
    return token ? token.toString() : word;
  }

  function vocabulary() {
    if (groups) return groups;
    groups = {};
    (self.entraideSynonyms || []).forEach(function (words) {
      var key = "=" + stem(fold(words[0].toLowerCase()));
      words.forEach(function (word) { groups[stem(fold(word.toLowerCase()))] = key; });
    });
    return groups;
  }

  function key(word) {
    var stemmed = stem(fold(word));
    return vocabulary()[stemmed] || stemmed;
  }

  // Index side: the last step of the pipeline. A word of a group is indexed under its own key too, so that a
  // query word that only starts it (« kudo », « soumi » while typing) still finds it.
  function entraideKey(token) {
    var stemmed = stem(fold(token.toString()));
    var group = vocabulary()[stemmed];
    var own = token.clone(function () { return stemmed; });
    return group ? [own, token.clone(function () { return group; })] : own;
  }
  lunr.Pipeline.registerFunction(entraideKey, "entraideKey");

  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (this.pipeline._stack.indexOf(entraideKey) < 0) this.pipeline.add(entraideKey);
    return add.call(this, doc, attributes);
  };

  // Query side: every clause the parser reads.
  function isStopWord(word) {
    var filter = language && lunr[language] && lunr[language].stopWordFilter;
    return (filter && !filter(word)) || (lunr.stopWordFilter && !lunr.stopWordFilter(word));
  }

  function normalise(clause) {
    var match = /^(\*?)(.*?)(\*?)$/.exec(clause.term);
    if (!match[2]) return clause;
    clause.term = match[1] + key(match[2]) + match[3];
    return clause;
  }

  var parse = lunr.QueryParser.prototype.parse;
  lunr.QueryParser.prototype.parse = function () {
    var query = parse.call(this);
    var clauses = query.clauses;
    if (clauses.length > 1) {
      var kept = clauses.filter(function (clause) { return !isStopWord(clause.term.replace(/\*/g, "")); });
      clauses = kept.length ? kept : clauses;
    }
    query.clauses = clauses.map(normalise);
    return query;
  };

  // Ranking. Material ranks sections (a page is cut into one search document per heading) and lists each page
  // at its best section, so a heading that holds one of the query's words (boost ×1000) outranks a page that
  // holds all of them (« amélioration progressive » found every member's « Progression » first), and a page
  // that treats a word in several sections ranks like one that mentions it once. Here pages are ranked first by
  // how many of the query's words they hold, in any of their sections, then by the sum of their sections'
  // scores. A section's new score is its page's place (a factor 8 between two pages, so that Material's own
  // boosts, at most ×5, cannot reorder pages) times a term from its own score (order within its page).
  function pageOf(ref) { return ref.split("#")[0]; }

  function matcher(term) {
    var pattern = term.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
    return new RegExp("^" + pattern + "$");
  }

  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (queryString) {
    var results = search.call(this, queryString);
    if (typeof queryString !== "string" || results.length < 2) return results;
    var query = new lunr.Query(this.fields);
    new lunr.QueryParser(queryString, query).parse();
    var patterns = query.clauses
      .filter(function (clause) { return clause.presence !== lunr.Query.presence.PROHIBITED; })
      .map(function (clause) { return matcher(clause.term); });
    var pages = {};
    results.forEach(function (result) {
      var page = pages[pageOf(result.ref)] = pages[pageOf(result.ref)] || { words: {}, sum: 0, best: 0 };
      page.sum += result.score;
      page.best = Math.max(page.best, result.score);
      Object.keys(result.matchData.metadata).forEach(function (term) {
        patterns.forEach(function (pattern, index) { if (pattern.test(term)) page.words[index] = true; });
      });
    });
    var order = Object.keys(pages).map(function (name) {
      var page = pages[name];
      return { name: name, words: Object.keys(page.words).length, sum: page.sum };
    }).sort(function (a, b) { return b.words - a.words || b.sum - a.sum; });
    var rank = {};
    order.forEach(function (page, index) { rank[page.name] = Math.min(index, 300); });
    results.forEach(function (result) {
      var page = pages[pageOf(result.ref)];
      result.score = Math.pow(8, -rank[pageOf(result.ref)]) * (1 + 0.1 * result.score / page.best);
    });
    return results.sort(function (a, b) { return b.score - a.score; });
  };
})();
