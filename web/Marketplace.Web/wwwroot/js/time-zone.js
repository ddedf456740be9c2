// Sign-up and sign-in: fills the hidden time zone field with the browser's own (an IANA name such as "Europe/Berlin"),
// so times read in the person's zone without asking. Without JavaScript the field stays empty and times read in UTC.
(function () {
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone) return;
  document.querySelectorAll('input[data-detect-time-zone]').forEach(function (input) {
    input.value = zone;
  });
})();
