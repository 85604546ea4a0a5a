// The submission form, enhanced: problems as the user types (through the server's own validator),
// the draft saved automatically, type-ahead suggestions in the pickers, "add another" rows.
// Without this script the form still works: it posts, and the server shows the same problems.
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  if (!form || form.querySelector("fieldset.form-body[disabled]")) { return; }
  var csrf = form.querySelector("input[name=csrf]").value;
  var status = document.getElementById("save-status");
  var summary = document.getElementById("error-summary");
  var lang = form.dataset.lang;

  function debounce(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  function body(action) {
    var data = new FormData(form);
    if (action) { data.set("_action", action); }
    return new URLSearchParams(data);
  }

  function post(url, action) {
    return fetch(url, {method: "POST", body: body(action), credentials: "same-origin",
                       headers: {"Accept": "application/json", "X-CSRF-Token": csrf}});
  }

  function text(tag, cls, content) {
    var node = document.createElement(tag);
    node.className = cls;
    node.textContent = content;
    return node;
  }

  // Problems: next to each field, and counted in the summary at the top.
  function showProblems(problems) {
    var byField = {};
    problems.forEach(function (p) { (byField[p.field || ""] = byField[p.field || ""] || []).push(p); });
    form.querySelectorAll("[data-problems-for]").forEach(function (box) {
      var key = box.dataset.problemsFor, mine = byField[key] || [];
      box.replaceChildren.apply(box, mine.map(function (p) {
        return text("p", p.severity === "Violation" ? "field-error" : "field-warning", p.message);
      }));
      var wrapper = document.getElementById("field-" + key);
      var errors = mine.filter(function (p) { return p.severity === "Violation"; }).length;
      wrapper.classList.toggle("has-error", errors > 0);
      wrapper.querySelectorAll("input, select, textarea, fieldset").forEach(function (el) {
        if (errors) { el.setAttribute("aria-invalid", "true"); } else { el.removeAttribute("aria-invalid"); }
      });
    });
    var errors = problems.filter(function (p) { return p.severity === "Violation"; });
    var list = summary.querySelector("ul");
    list.replaceChildren.apply(list, errors.map(function (p) {
      var item = document.createElement("li");
      if (p.field) {
        var link = text("a", "", p.name + ": " + p.message);
        link.href = "#field-" + p.field;
        item.appendChild(link);
      } else {
        item.textContent = p.message;
      }
      return item;
    }));
    summary.querySelector("h2").textContent = errors.length === 1 ? form.dataset.problemsOne
      : form.dataset.problemsMany.replace("{n}", errors.length);
    summary.hidden = errors.length === 0;
    summary.removeAttribute("role");   // a live summary would interrupt a screen reader on every key
  }

  var validate = debounce(function () {
    post(form.dataset.validate).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) { if (answer) { showProblems(answer.problems); } })
      .catch(function () { /* offline: the server checks again on save */ });
  }, 500);

  // Autosave: the first save creates the draft; the form then edits it, with the new version.
  var saving = false, again = false;
  function autosave() {
    if (saving) { again = true; return; }
    saving = true;
    status.textContent = form.dataset.saving;
    post(form.action, "autosave").then(function (r) {
      return r.json().then(function (answer) { return {ok: r.ok, status: r.status, answer: answer}; });
    }).then(function (result) {
      var a = result.answer;
      if (result.ok && a.saved) {
        form.querySelector("input[name=version]").value = a.version;
        if (form.getAttribute("action") !== a.edit) {
          form.setAttribute("action", a.edit);
          history.replaceState(null, "", a.edit);
        }
        var now = new Date();
        status.textContent = form.dataset.saved.replace("{time}",
          now.toLocaleTimeString(lang, {hour: "2-digit", minute: "2-digit"}));
        showProblems(a.problems);
      } else {
        status.textContent = form.dataset.saveFailed.replace("{reason}", a.message || a.detail || result.status);
      }
    }).catch(function (error) {
      status.textContent = form.dataset.saveFailed.replace("{reason}", error.message);
    }).finally(function () {
      saving = false;
      if (again) { again = false; autosave(); }
    });
  }
  var autosaveSoon = debounce(autosave, 2000);

  form.addEventListener("input", function () { validate(); autosaveSoon(); });
  form.addEventListener("change", function () { validate(); autosaveSoon(); });

  // Type-ahead: the picker's suggestions follow what is typed (labels in any language, codes, acronyms).
  function suggest(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = form.dataset.vocabulary + encodeURIComponent(input.dataset.scheme) + "/search?limit=30&lang=" +
      encodeURIComponent(lang) + "&q=" + encodeURIComponent(input.value);
    fetch(url, {headers: {"Accept": "application/json"}}).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) {
        if (!answer) { return; }
        list.replaceChildren.apply(list, answer.choices.map(function (c) {
          var option = document.createElement("option");
          option.value = c.display;
          if (c.under) { option.textContent = c.under; }
          return option;
        }));
      }).catch(function () { /* the preloaded suggestions stay */ });
  }
  var pending = {};
  form.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.dataset || !input.dataset.scheme || input.value.length < 2) { return; }
    clearTimeout(pending[input.id]);
    pending[input.id] = setTimeout(function () { suggest(input); }, 200);
  });

  // "Add another": a copy of the field's last row, emptied, with fresh ids.
  var copies = 0;
  form.querySelectorAll("[data-add-row]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var rows = button.parentNode.querySelectorAll("[data-row]");
      var last = rows[rows.length - 1], copy = last.cloneNode(true);
      copies += 1;
      copy.querySelectorAll("[id]").forEach(function (el) {
        var old = el.id;
        el.id = old + "-added-" + copies;
        var label = copy.querySelector("label[for='" + old + "']");
        if (label) { label.htmlFor = el.id; }
      });
      copy.querySelectorAll("input, textarea").forEach(function (el) { el.value = ""; });
      last.after(copy);
      var first = copy.querySelector("input, textarea");
      if (first) { first.focus(); }
    });
  });
}());
