// Live workshop pages (participant's phone, facilitator's control, projector wall): follows the
// workshop's event stream. Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // "Who is it about" matters only for questions 1a and 2a; elsewhere it is hidden and cleared.
  var bindAbout = function () {
    var question = document.getElementById("question");
    var field = document.querySelector("[data-about-field]");
    if (!question || !field || question.tagName !== "SELECT") return;
    var toggle = function () {
      var needed = question.value === "1a" || question.value === "2a";
      field.hidden = !needed;
      if (!needed) field.querySelector("select").value = "";
    };
    question.addEventListener("change", toggle);
    toggle();
  };
  bindAbout();

  var root = document.getElementById("live");
  if (!root) return;
  var view = root.getAttribute("data-view");

  // The countdown runs from the server's end time, corrected by the server's clock.
  var offset = 0;
  var timer = document.getElementById("timer");
  var setOffset = function (serverNow) { if (serverNow) offset = Number(serverNow) - Date.now(); };
  // The state in words, from the page's translations; unchanged words are left alone so that
  // screen readers announce only a new state.
  var showStatus = function (status) {
    var shown = document.getElementById("timer-status");
    var words = shown && shown.getAttribute("data-" + status);
    if (words && shown.textContent !== "(" + words + ")") shown.textContent = "(" + words + ")";
  };
  var tick = function () {
    var clock = document.getElementById("timer-clock");
    if (!timer || !clock) return;
    var remaining = Number(timer.getAttribute("data-remaining"));
    var ends = timer.getAttribute("data-ends-at");
    if (ends) remaining = Math.max(0, Number(ends) - (Date.now() + offset));
    var seconds = Math.ceil(remaining / 1000);
    clock.textContent = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
    // Running out changes nothing on the server, so no update comes to say so: the words
    // follow the countdown here, and time added later brings the server's "running" back.
    if (ends && remaining === 0 && timer.getAttribute("data-status") === "running") {
      timer.setAttribute("data-status", "expired");
      showStatus("expired");
    }
  };
  if (timer) {
    setOffset(timer.getAttribute("data-server-now"));
    window.setInterval(tick, 500);
  }

  // Read-aloud: arrow keys follow the previous and next links.
  document.addEventListener("keydown", function (event) {
    var link = document.querySelector('a[data-key="' + event.key + '"]');
    var target = event.target;
    var typingHere = target.closest && target.closest("input, textarea, select");
    if (link && !typingHere) window.location.href = link.href;
  });

  var typing = function () {
    var text = document.getElementById("text");
    return text && text.value.trim() !== "";
  };

  // The participant's form posts by fetch; the page that comes back gives the new form and list.
  var bindForm = function () {
    var form = document.getElementById("note-form");
    if (!form || !window.fetch || !window.DOMParser) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        credentials: "same-origin",
        headers: { "Accept": "text/html" }
      })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          ["note-form", "own-notes", "own-empty"].forEach(function (id) {
            var fresh = doc.getElementById(id);
            var old = document.getElementById(id);
            if (old && fresh) old.replaceWith(fresh);
            else if (old) old.remove();
          });
          bindForm();
          bindAbout();
          // Without script the notice comes with the new page; here its words go to a live
          // region that was there from the start, so that screen readers announce them.
          var status = document.getElementById("post-status");
          var notice = doc.querySelector("main .notice");
          if (status) {
            status.textContent = "";
            if (notice) {
              var words = document.createElement("p");
              words.className = "notice";
              words.textContent = notice.textContent.trim();
              status.appendChild(words);
            }
          }
          var summary = document.getElementById("error-summary");
          if (summary) summary.focus(); else if (document.getElementById("text")) document.getElementById("text").focus();
        })
        .catch(function () { form.submit(); });
    });
  };
  bindForm();

  var showQuestion = function (code) {
    var shown = document.getElementById("question-text");
    var text = document.querySelector('#question-texts [data-question="' + code + '"]');
    if (shown && text) {
      shown.innerHTML = text.innerHTML;
      shown.setAttribute("data-question", code);
    }
  };

  // The questions offered are those asked so far, in the order of the list of every question,
  // as the server offers them. The participant's choice stays while it is offered, since the
  // text they are typing answers it.
  var offerQuestions = function (current) {
    var select = document.getElementById("question");
    if (!select || select.tagName !== "SELECT") return;
    var chosen = select.value;
    var options = [];
    var items = document.querySelectorAll("#question-texts [data-question]");
    for (var i = 0; i < items.length; i++) {
      var option = document.createElement("option");
      option.value = items[i].getAttribute("data-question");
      option.textContent = items[i].textContent;
      options.push(option);
      if (option.value === current) break;
    }
    var kept = options.some(function (option) { return option.value === chosen; });
    select.replaceChildren.apply(select, options);
    select.value = kept ? chosen : current;
    // "Who is it about" follows a question that changed.
    if (!kept) select.dispatchEvent(new Event("change"));
  };

  var placeNote = function (note) {
    var existing = document.getElementById("note-" + note.id);
    var column = root.querySelector(
      '[data-question="' + note.question + '"] [data-author="' + note.author + '"] .notes');
    var belongs = note.visible && column;
    if (!belongs) {
      if (existing) existing.remove();
      return;
    }
    var item = document.createElement("li");
    item.id = "note-" + note.id;
    if (note.about_name) {
      var about = document.createElement("span");
      about.className = "about";
      about.textContent = "→ " + note.about_name;
      item.appendChild(about);
      item.appendChild(document.createTextNode(" "));
    }
    item.appendChild(document.createTextNode(note.text));
    if (existing && existing.parentNode === column) existing.replaceWith(item);
    else {
      if (existing) existing.remove();
      column.appendChild(item);
    }
  };

  if (!window.EventSource) return;
  var source = new EventSource(root.getAttribute("data-events"));
  source.addEventListener("state", function (event) {
    var state = JSON.parse(event.data);
    setOffset(state.server_now);
    if (timer) {
      timer.setAttribute("data-status", state.timer.status);
      timer.setAttribute("data-remaining", state.timer.remaining_ms);
      if (state.timer.ends_at) timer.setAttribute("data-ends-at", String(Date.parse(state.timer.ends_at)));
      else timer.removeAttribute("data-ends-at");
      showStatus(state.timer.status);
      tick();
    }
    var count = document.getElementById("participant-count");
    if (count) count.textContent = state.participants;
    var shown = document.getElementById("question-text");
    var current = shown ? shown.getAttribute("data-question") : root.getAttribute("data-question");
    var stepChanged = view === "participant" && state.step !== "workshop_1" && document.getElementById("note-form");
    if (stepChanged && !typing()) window.location.reload();
    if (state.question && state.question !== current) {
      if (view === "participant") {
        if (shown && !typing()) window.location.reload();
        else {
          showQuestion(state.question);
          offerQuestions(state.question);
        }
      } else if (view === "wall" && root.getAttribute("data-following")) window.location.reload();
      else if (view === "live") showQuestion(state.question);
    }
  });
  source.addEventListener("note", function (event) {
    if (view === "wall") placeNote(JSON.parse(event.data));
  });
})();
