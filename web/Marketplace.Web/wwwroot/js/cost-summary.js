// The cost beside the new-project form follows the prize as it is typed: after a short pause the page asks the server
// for the summary again (the fee schedule escrow pays with, never a second copy of the rule here) and swaps it in.
// Without JavaScript the form's "Update the total" button does the same with a round trip; with it, that button goes
// (and with it the form's first submit button, so Enter in a field still means "Continue to payment").
(function () {
  "use strict";
  var box = document.querySelector("[data-cost-summary]");
  var prize = document.getElementById("Prize");
  if (!box || !prize || !window.fetch || !window.DOMParser) return;
  var update = box.querySelector("[data-cost-update]");
  if (update) update.remove();
  var url = box.getAttribute("data-cost-summary");
  var timer = null;
  var asked = 0;

  function ask() {
    var mine = ++asked;
    fetch(url + "&prize=" + encodeURIComponent(prize.value), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        // An older answer arriving after a newer one must not show a prize the buyer already changed.
        if (html === null || mine !== asked) return;
        var figures = new DOMParser().parseFromString(html, "text/html").querySelector("[data-cost-figures]");
        var shown = box.querySelector("[data-cost-figures]");
        if (figures && shown) shown.innerHTML = figures.innerHTML;
      })
      .catch(function () { /* offline: the figures stay as they were; the fund page shows the total before paying */ });
  }

  prize.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 250);
  });
})();
