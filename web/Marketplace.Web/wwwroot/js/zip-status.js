// "Download all files" while its zip is being built: asks the status endpoint again with growing pauses and shows the
// download (or why it failed) as soon as it is known, without reloading the page or moving focus. Without JavaScript
// the "Check again" link reloads the page, which asks the same question.
(function () {
  "use strict";
  var box = document.querySelector("[data-zip-status]");
  if (!box || box.getAttribute("data-zip-state") !== "preparing") return;
  var url = box.getAttribute("data-zip-status");
  var pause = 2000;
  var longestPause = 15000;
  var givenUpAfter = Date.now() + 15 * 60 * 1000;

  function show(state, answer) {
    box.setAttribute("data-zip-state", state);
    Array.prototype.forEach.call(box.querySelectorAll("[data-zip-when]"), function (part) {
      part.hidden = part.getAttribute("data-zip-when") !== state;
    });
    var reason = box.querySelector("[data-zip-reason]");
    if (reason && answer.reason) reason.textContent = "What went wrong: " + answer.reason + ".";
  }

  function ask() {
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (answer && (answer.state === "ready" || answer.state === "failed")) {
          show(answer.state, answer);
          return;
        }
        later();
      })
      .catch(later);
  }

  function later() {
    // The tab closed or left for long: the link reloads the page when they are back.
    if (Date.now() > givenUpAfter) return;
    setTimeout(ask, pause);
    pause = Math.min(pause * 1.5, longestPause);
  }

  later();
})();
