// flowctl catalog: filter the flow table as you type, and copy buttons on code. No dependencies.
(function () {
  var search = document.getElementById('search');
  if (search) {
    var rows = Array.prototype.slice.call(document.querySelectorAll('#flow-table tbody tr'));
    var count = document.getElementById('search-count');
    var none = document.getElementById('no-match');
    var filter = function () {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.getAttribute('data-search');
        var match = words.every(function (w) { return text.indexOf(w) >= 0; });
        row.hidden = !match;
        if (match) shown++;
      });
      count.textContent = shown + (shown === 1 ? ' flow' : ' flows') + (words.length ? ' match' : '');
      none.hidden = shown !== 0;
    };
    search.addEventListener('input', filter);
    var q = new URLSearchParams(location.search).get('q');
    if (q) { search.value = q; }
    filter();
  }
  Array.prototype.forEach.call(document.querySelectorAll('button.copy'), function (button) {
    button.addEventListener('click', function () {
      var text = button.parentNode.querySelector('code').textContent;
      var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy'; }, 1500); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done);
      } else {
        var area = document.createElement('textarea');
        area.value = text; document.body.appendChild(area); area.select();
        try { document.execCommand('copy'); done(); } finally { document.body.removeChild(area); }
      }
    });
  });
})();
