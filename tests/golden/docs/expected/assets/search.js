/* The search page: reads the index the build wrote (search/index.js), no
 * library and no request, so it works from file:// as well as on a server.
 * The articles' text arrives compressed (raw DEFLATE) and is inflated with
 * the browser's own DecompressionStream.
 *
 * Index and query are normalised the same way: Arabic diacritics (tashkeel)
 * and tatweel removed; alef forms (أ إ آ ٱ) folded to ا, ى and Persian ی to
 * ي, ة to ه, Persian ک to ك; Arabic-Indic and Persian digits to 0-9; Latin
 * case folded.  So الاحتجاز finds الإِحْتِجَازُ. */
(function () {
  'use strict';

  var data = window.WQ_SEARCH;
  var form = document.querySelector('.search-form');
  var input = document.getElementById('search-input');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!data || !form || !input || !status || !list) {
    return;
  }
  var locale = status.getAttribute('data-locale') || document.documentElement.lang || 'en';
  var docs = data.docs;
  var ready = null;

  /* ------------------------------------------------------ normalising */

  function fold(c) {
    if ((c >= 0x064B && c <= 0x065F) || c === 0x0670 || (c >= 0x06D6 && c <= 0x06ED) ||
        c === 0x0640) {
      return -1; /* tashkeel, Quranic marks, tatweel: dropped */
    }
    switch (c) {
      case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627;
      case 0x0649: case 0x06CC: return 0x064A;
      case 0x0629: return 0x0647;
      case 0x06A9: return 0x0643;
    }
    if (c >= 0x0660 && c <= 0x0669) { return 0x30 + c - 0x0660; }
    if (c >= 0x06F0 && c <= 0x06F9) { return 0x30 + c - 0x06F0; }
    return c;
  }

  /* The normalised text, and for each of its characters the index of the
   * character it came from, to cut snippets from the original. */
  function normalise(s) {
    var out = [], map = [], i, c, f, ch;
    for (i = 0; i < s.length; i++) {
      c = s.charCodeAt(i);
      f = fold(c);
      if (f < 0) { continue; }
      ch = String.fromCharCode(f);
      if (f < 0x0250) { ch = ch.toLowerCase(); }
      if (/\s/.test(ch)) { ch = ' '; }
      out.push(ch);
      map.push(i);
    }
    return { text: out.join(''), map: map };
  }

  /* ------------------------------------------------------------ index */

  function inflate(b64) {
    var bin = atob(b64), bytes = new Uint8Array(bin.length), i;
    for (i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Response(stream).text();
  }

  function load() {
    if (!ready) {
      if (typeof DecompressionStream === 'undefined') {
        ready = Promise.reject(new Error('DecompressionStream'));
      } else {
        ready = inflate(data.text).then(function (json) {
          var texts = JSON.parse(json), i;
          for (i = 0; i < docs.length; i++) {
            docs[i].text = texts[i] || '';
            docs[i].norm = normalise(docs[i].text);
            docs[i].tnorm = normalise(docs[i].t).text;
          }
        });
      }
    }
    return ready;
  }

  /* ---------------------------------------------------------- messages */

  /* An ICU plural pattern "{0, plural, =0 {...} one {# ...} other {...}}",
   * with the browser's plural rules and number format. */
  function plural(pattern, n) {
    var forms = {}, re = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g, m;
    while ((m = re.exec(pattern)) !== null) { forms[m[1]] = m[2]; }
    var form = forms['=' + n];
    if (form === undefined) {
      var cat = 'other';
      try { cat = new Intl.PluralRules(locale).select(n); } catch (e) { /* old browser */ }
      form = forms[cat] !== undefined ? forms[cat] : forms.other;
    }
    var num = String(n);
    try { num = new Intl.NumberFormat(locale).format(n); } catch (e) { /* old browser */ }
    return (form === undefined ? '#' : form).replace(/#/g, num);
  }

  /* ----------------------------------------------------------- search */

  function count(hay, term) {
    var n = 0, at = hay.indexOf(term);
    while (at >= 0) { n++; at = hay.indexOf(term, at + term.length); }
    return n;
  }

  var wordChar = /[\p{L}\p{M}\p{N}\u200C\u200D]/u;
  function inWord(ch) { return wordChar.test(ch); }

  function snippet(doc, term) {
    var p = document.createElement('p');
    var at = doc.norm.text.indexOf(term), text = doc.text;
    p.className = 'snippet';
    p.setAttribute('dir', doc.d);
    p.setAttribute('lang', doc.l);
    if (at < 0) {
      p.textContent = text.slice(0, 160) + (text.length > 160 ? '…' : '');
      return p;
    }
    var from = doc.norm.map[at], to = doc.norm.map[at + term.length - 1] + 1;
    /* Mark whole words: a mark that cut a word in two would break the
     * joining of its Arabic letters (and the lam-alef ligature). */
    while (from > 0 && inWord(text.charAt(from - 1))) { from--; }
    while (to < text.length && inWord(text.charAt(to))) { to++; }
    var start = Math.max(0, from - 80), end = Math.min(text.length, to + 80);
    while (start > 0 && !/\s/.test(text.charAt(start - 1))) { start--; }
    while (end < text.length && !/\s/.test(text.charAt(end))) { end++; }
    var mark = document.createElement('mark');
    mark.textContent = text.slice(from, to);
    p.appendChild(document.createTextNode((start > 0 ? '…' : '') + text.slice(start, from)));
    p.appendChild(mark);
    p.appendChild(document.createTextNode(text.slice(to, end) + (end < text.length ? '…' : '')));
    return p;
  }

  function show(query) {
    var terms = normalise(query).text.split(' ').filter(function (t) { return t; });
    list.textContent = '';
    if (!terms.length) {
      status.textContent = status.getAttribute('data-prompt');
      return;
    }
    var hits = [], i, j;
    for (i = 0; i < docs.length; i++) {
      var d = docs[i], score = 0, all = true;
      for (j = 0; j < terms.length; j++) {
        var inTitle = count(d.tnorm, terms[j]), inText = count(d.norm.text, terms[j]);
        if (!inTitle && !inText) { all = false; break; }
        score += 10 * inTitle + inText;
      }
      if (all) { hits.push({ doc: d, score: score, order: i }); }
    }
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    for (i = 0; i < hits.length; i++) {
      var li = document.createElement('li'), a = document.createElement('a');
      li.setAttribute('lang', hits[i].doc.l);
      li.setAttribute('dir', hits[i].doc.d);
      a.href = hits[i].doc.u;
      a.textContent = hits[i].doc.t;
      li.appendChild(a);
      li.appendChild(snippet(hits[i].doc, terms[0]));
      list.appendChild(li);
    }
    status.textContent = hits.length ? plural(status.getAttribute('data-results'), hits.length)
                                     : status.getAttribute('data-empty');
  }

  function run(query, remember) {
    load().then(function () {
      show(query);
      if (remember) {
        try {
          var url = new URL(window.location.href);
          if (query) { url.searchParams.set('q', query); } else { url.searchParams.delete('q'); }
          window.history.replaceState(null, '', url.toString());
        } catch (e) { /* some file:// pages refuse; the results are shown all the same */ }
      }
    }, function () {
      status.textContent = status.getAttribute('data-empty');
    });
  }

  var timer = null;
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    run(input.value, true);
  });
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value, false); }, 200);
  });

  /* ?q= runs on load, so a search can be linked to. */
  var q = null;
  try { q = new URLSearchParams(window.location.search).get('q'); } catch (e) { q = null; }
  if (q) {
    input.value = q;
    run(q, false);
  }
})();
