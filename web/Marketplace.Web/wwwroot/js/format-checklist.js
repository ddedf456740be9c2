// Progressive enhancement for the deliver page: ticks each format of the brief as files in it are chosen, and says
// which are still missing. Names only; the server checks names and content again. Without JavaScript the list stays
// a plain list of what to send.
(function () {
  "use strict";
  var list = document.querySelector("[data-format-checklist]");
  var input = document.getElementById("files");
  if (!list || !input) return;
  var summary = document.querySelector(".format-summary");
  var items = Array.prototype.slice.call(list.querySelectorAll("li[data-extensions]"));

  function extensionOf(name) {
    var dot = name.lastIndexOf(".");
    return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  }

  input.addEventListener("change", function () {
    var chosen = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
    var missing = [];
    items.forEach(function (item) {
      var extensions = item.getAttribute("data-extensions").split(" ");
      var matching = chosen.filter(function (name) { return extensions.indexOf(extensionOf(name)) >= 0; });
      var format = item.querySelector("strong").textContent;
      item.classList.toggle("passed", matching.length > 0);
      item.querySelector(".format-mark").textContent = matching.length > 0 ? "✓" : "•";
      item.querySelector(".format-status").textContent = matching.length > 0 ? "chosen: " + matching.join(", ") : (chosen.length ? "not chosen" : "");
      if (matching.length === 0) missing.push(format);
    });
    if (summary) {
      summary.textContent = chosen.length === 0 ? "" : missing.length === 0
        ? "Every format of the brief is chosen."
        : "Still missing: " + missing.join(", ") + ". Add " + (missing.length === 1 ? "it" : "them") + ", or say why in the note.";
    }
  });
})();
