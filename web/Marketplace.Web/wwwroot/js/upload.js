// Progressive enhancement for upload forms (data-upload): shows progress while the file is sent.
// Without JavaScript the form posts normally and the server answers the same way.
(function () {
  "use strict";
  document.querySelectorAll("form[data-upload]").forEach(function (form) {
    var bar = form.querySelector(".upload-progress");
    var status = form.querySelector(".upload-status");
    var button = form.querySelector("button[type=submit]");
    var pickers = Array.prototype.slice.call(form.querySelectorAll("input[type=file]"));
    form.addEventListener("submit", function (event) {
      if (!window.FormData || !window.XMLHttpRequest) return;
      event.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) return;
        var percent = Math.round((e.loaded / e.total) * 100);
        bar.hidden = false;
        bar.value = percent;
        status.textContent = percent < 100 ? "Uploading… " + percent + "%" : "Checking the file and making previews…";
      });
      xhr.addEventListener("load", function () {
        var next = xhr.status === 200 && /json/.test(xhr.getResponseHeader("Content-Type") || "") ? JSON.parse(xhr.responseText).location : null;
        if (next) {
          status.textContent = "Done. Opening…";
          window.location.assign(next);
          return;
        }
        // The server re-rendered the form with the reason; show its list here as it is (each item keeps the id its
        // field's aria-describedby names and its link to the field), and mark the pickers it marked.
        var page = new DOMParser().parseFromString(xhr.responseText, "text/html");
        var list = page.querySelector(".validation-summary-errors ul");
        if (list) {
          showError(document.importNode(list, true));
          pickers.forEach(function (picker) {
            var returned = page.getElementById(picker.id);
            if (!returned || returned.getAttribute("aria-invalid") !== "true") return;
            picker.setAttribute("aria-invalid", "true");
            picker.setAttribute("aria-describedby", returned.getAttribute("aria-describedby"));
          });
        } else {
          var reason = page.querySelector(".error-page [role=alert]");
          showError(reason ? reason.textContent : "The upload failed (" + xhr.status + "). Try again.");
        }
        // Where the refusal says to go next ("Revise entry #7"), as the page without JavaScript shows it.
        var refusalLink = page.querySelector("[data-refusal-link]");
        if (refusalLink) form.querySelector("[data-errors]").insertAdjacentElement("afterend", document.importNode(refusalLink, true));
      });
      xhr.addEventListener("error", function () { showError("The connection dropped during the upload. Try again."); });
      button.disabled = true;
      // The last refusal no longer applies to this attempt; leaving it beside the progress reads as a failure.
      form.querySelector("[data-errors]").innerHTML = "";
      pickers.forEach(unmark);
      form.querySelectorAll("[data-refusal-link]").forEach(function (link) { link.remove(); });
      status.textContent = "Starting upload…";
      xhr.send(new FormData(form));
    });
    // A message (text), or the list of messages the server wrote.
    function showError(message) {
      bar.hidden = true;
      button.disabled = false;
      status.textContent = "";
      var summary = form.querySelector("[data-errors]");
      summary.innerHTML = "";
      var list = message;
      if (typeof message === "string") {
        list = document.createElement("ul");
        var item = document.createElement("li");
        item.textContent = message.trim();
        list.appendChild(item);
      }
      summary.appendChild(list);
      summary.focus && summary.setAttribute("tabindex", "-1");
      summary.focus && summary.focus();
    }
  });

  // Back to the picker's own description (its hint) once the refusal it named is gone.
  function unmark(picker) {
    picker.removeAttribute("aria-invalid");
    var hint = (picker.getAttribute("aria-describedby") || "").split(" ").filter(function (id) { return id && !/-error$/.test(id); }).join(" ");
    if (hint) picker.setAttribute("aria-describedby", hint); else picker.removeAttribute("aria-describedby");
  }
})();
