// Entraide: the join form and the « Rendre ce défi » box. Both end on GitHub's new-file page with a path
// and a text filled in; nothing is sent anywhere else, except the login to GitHub's public users API to
// read the account number that the member file needs. The login typed once is remembered in this browser.
(function () {
  "use strict";

  var KEY = "entraide.login";

  function remembered() {
    try { return window.localStorage.getItem(KEY) || ""; } catch (error) { return ""; }
  }

  function remember(login) {
    try { window.localStorage.setItem(KEY, login); } catch (error) { /* private mode: nothing kept */ }
  }

  // ---------------------------------------------------------------- « Rendre ce défi »

  function setUpSubmit(box) {
    var input = box.querySelector("[data-entraide-login]");
    var link = box.querySelector("[data-entraide-new-file]");
    var folder = box.querySelector("[data-entraide-folder]");
    if (!input || !link || box.dataset.ready) { return; }
    box.dataset.ready = "1";
    var placeholder = link.dataset.placeholder;
    var template = link.getAttribute("href");
    var folderTemplate = folder.textContent;
    function update() {
      var login = input.value.trim();
      var shown = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/.test(login) ? login : placeholder;
      link.setAttribute("href", template.split("/" + placeholder + "?").join("/" + encodeURIComponent(shown) + "?"));
      folder.textContent = folderTemplate.split("/" + placeholder + "/").join("/" + shown + "/");
      if (shown !== placeholder) { remember(shown); }
    }
    input.value = remembered();
    input.addEventListener("input", update);
    update();
  }

  // ---------------------------------------------------------------- « Rejoindre »

  function yamlString(value) {
    return JSON.stringify(value);  // a JSON string is a YAML double-quoted scalar
  }

  function list(value) {
    return value.split(",").map(function (part) { return part.trim(); }).filter(Boolean);
  }

  function today() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function memberFile(form, id) {
    var value = function (name) { return form.elements[name].value.trim(); };
    var lines = ["login: " + yamlString(value("login"))];
    lines.push(id ? "id: " + id : "# id: your GitHub account number; the pull request check gives it");
    lines.push("name: " + yamlString(value("name")));
    lines.push("role: learner");
    if (value("cohort")) { lines.push("cohort: " + yamlString(value("cohort"))); }
    lines.push("track: " + yamlString(value("track")));
    var languages = list(value("languages"));
    if (languages.length) { lines.push("languages: [" + languages.map(yamlString).join(", ") + "]"); }
    if (value("timezone")) { lines.push("timezone: " + yamlString(value("timezone"))); }
    lines.push("joined: " + today());
    lines.push("public_profile: " + (form.elements.public_profile.checked ? "true" : "false"));
    return lines.join("\n") + "\n";
  }

  function newFileUrl(repository, login, content) {
    return "https://github.com/" + repository + "/new/main/members?filename=" +
      encodeURIComponent(login + ".yml") + "&value=" + encodeURIComponent(content);
  }

  function accountId(login) {
    return fetch("https://api.github.com/users/" + encodeURIComponent(login), {
      headers: { Accept: "application/vnd.github+json" }
    }).then(function (response) {
      return response.ok ? response.json() : {};
    }).then(function (user) {
      return typeof user.id === "number" ? user.id : null;
    }).catch(function () { return null; });
  }

  function setUpJoin(form) {
    if (form.dataset.ready) { return; }
    form.dataset.ready = "1";
    var preview = form.querySelector("[data-entraide-preview]");
    var zone = form.querySelector("[data-entraide-timezone]");
    try { zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || zone.value; } catch (error) { /* keep */ }
    if (!form.elements.login.value) { form.elements.login.value = remembered(); }
    function show() { preview.textContent = memberFile(form, null); }
    form.addEventListener("input", show);
    form.addEventListener("change", show);
    show();
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!form.reportValidity()) { return; }
      var login = form.elements.login.value.trim();
      remember(login);
      accountId(login).then(function (id) {
        var content = memberFile(form, id);
        preview.textContent = content;
        window.location.assign(newFileUrl(form.dataset.repository, login, content));
      });
    });
  }

  function setUp() {
    document.querySelectorAll("[data-entraide-submit]").forEach(setUpSubmit);
    document.querySelectorAll("[data-entraide-join]").forEach(setUpJoin);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);  // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
}());
