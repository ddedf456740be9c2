// Account page: a search over the time zone list, for a phone where scrolling ~400 options is hopeless. Typing a city
// ("berl", "new y", "kolk") or an offset ("+5:30", "UTC-3") lists the matching zones as buttons; tapping one chooses it
// in the list below, which the form saves as before. Without JavaScript the search stays hidden and the list is the picker.
(function () {
  var box = document.querySelector('[data-zone-search]');
  var select = document.getElementById('TimeZoneId');
  if (!box || !select) return;
  var input = box.querySelector('input[type=search]');
  var results = box.querySelector('.zone-results');
  var status = box.querySelector('[data-zone-search-status]');
  var shown = 8;

  function plain(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  var zones = Array.prototype.map.call(select.options, function (option, index) {
    var region = option.parentElement && option.parentElement.tagName === 'OPTGROUP' ? option.parentElement.label : '';
    var city = option.text.replace(/\s*\((UTC[^)]*)\)$/, '');
    var offset = option.getAttribute('data-offset') || '';
    var words = plain([city, region, option.value].join(' ')).split(/[^a-z0-9]+/).filter(Boolean);
    return { id: option.value, city: city, region: region, offset: offset, words: words, index: index,
      label: region ? city + ', ' + region : city };
  }).filter(function (z) { return z.offset; });

  // "+5:30", "-3", "utc+05:30", "GMT−4" → "UTC+05:30"; null when the query is not an offset.
  function offsetOf(query) {
    var m = /^(?:utc|gmt)?\s*([+\-\u2212])\s*(\d{1,2})(?:[:.]?(\d{2}))?$/i.exec(query.trim());
    if (!m) return null;
    var hours = ('0' + m[2]).slice(-2), minutes = m[3] || '00';
    return hours === '00' && minutes === '00' ? 'UTC' : 'UTC' + (m[1] === '+' ? '+' : '-') + hours + ':' + minutes;
  }

  function matches(query) {
    var offset = offsetOf(query);
    if (offset) return zones.filter(function (z) { return z.offset === offset; });
    var terms = plain(query).split(/[^a-z0-9]+/).filter(Boolean);
    if (terms.length === 0) return [];
    var found = zones.filter(function (z) {
      return terms.every(function (t) { return z.words.some(function (w) { return w.indexOf(t) === 0; }); });
    });
    // A city that starts with what was typed first ("sydney" before zones that only mention it), then list order.
    var start = plain(query.trim());
    return found.sort(function (a, b) {
      var sa = plain(a.city).indexOf(start) === 0 ? 0 : 1, sb = plain(b.city).indexOf(start) === 0 ? 0 : 1;
      return sa - sb || a.index - b.index;
    });
  }

  function say(text) { status.textContent = text; }

  function show() {
    var query = input.value;
    results.textContent = '';
    if (!query.trim()) { say(''); return; }
    var found = matches(query);
    found.slice(0, shown).forEach(function (z) {
      var item = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'zone-result';
      button.setAttribute('data-zone', z.id);
      button.textContent = z.label + (z.offset !== z.label ? ' (' + z.offset + ')' : '');
      item.appendChild(button);
      results.appendChild(item);
    });
    say(found.length === 0 ? 'No time zone matches \u201c' + query.trim() + '\u201d. Try the nearest big city, or an offset such as +5:30.'
      : found.length > shown ? 'Showing ' + shown + ' of ' + found.length + ' time zones: type more to narrow it.'
      : found.length === 1 ? '1 time zone matches.' : found.length + ' time zones match.');
  }

  function choose(id) {
    var zone = zones.filter(function (z) { return z.id === id; })[0];
    if (!zone) return;
    select.value = zone.id;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    results.textContent = '';
    input.value = '';
    say('Chosen: ' + zone.label + '. Save time zone to keep it.');
    select.focus();
  }

  function buttons() { return Array.prototype.slice.call(results.querySelectorAll('button')); }

  input.addEventListener('input', show);
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter') {
      // Enter chooses the first match rather than saving the form with the old choice.
      e.preventDefault();
      var first = buttons()[0];
      if (first) choose(first.getAttribute('data-zone'));
    } else if (e.key === 'ArrowDown' && buttons().length) {
      e.preventDefault();
      buttons()[0].focus();
    } else if (e.key === 'Escape') {
      input.value = '';
      show();
    }
  });
  results.addEventListener('click', function (e) {
    var button = e.target.closest('button[data-zone]');
    if (button) choose(button.getAttribute('data-zone'));
  });
  results.addEventListener('keydown', function (e) {
    var all = buttons(), at = all.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' && at < all.length - 1) { e.preventDefault(); all[at + 1].focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); (at > 0 ? all[at - 1] : input).focus(); }
    else if (e.key === 'Escape') { input.value = ''; show(); input.focus(); }
  });

  box.hidden = false;
})();
