/* The search page: reads the index the build wrote, in pieces, as a query
 * needs them (no library; each piece is a script, so the page works from
 * file:// as well as on a server):
 *   search/index.js  the first word of each chunk of words and the
 *                    chunk's name (the search page may hold it, and this
 *                    script, in its head);
 *   search/w/NAME.js a chunk of words, each with the articles holding it
 *                    (gaps between article numbers) and its weight there;
 *   search/d/N.js    article N: title, address, language, direction and
 *                    its text, compressed (raw DEFLATE, inflated with the
 *                    browser's own DecompressionStream), for the snippet.
 * Results come ten at a time.
 *
 * Index and query are normalised the same way: Arabic diacritics (tashkeel)
 * and tatweel removed; alef forms (أ إ آ ٱ) folded to ا, ى and Persian ی to
 * ي, ة to ه, Persian ک to ك; Hebrew points dropped and final letters
 * folded (ם to מ); Arabic-Indic and Persian digits to 0-9; Latin case
 * folded.  So الاحتجاز finds الإِحْتِجَازُ.  The build indexes a word
 * behind Arabic clitics under its stem too (بالمخزون under المخزون and
 * مخزون); the last word of a query also matches as the start of words. */
(function () {
  'use strict';

  /* index.js and this script may come in either order (async scripts). */
  var data = window.WQ_SEARCH = window.WQ_SEARCH || {};
  /* The page's elements, once it is parsed (see start()). */
  var form, input, status, list, more, locale;
  var PAGE = 10;

  /* ------------------------------------------------------ normalising */

  function fold(c) {
    if ((c >= 0x064B && c <= 0x065F) || c === 0x0670 || (c >= 0x06D6 && c <= 0x06ED) ||
        c === 0x0640) {
      return -1; /* tashkeel, Quranic marks, tatweel: dropped */
    }
    if ((c >= 0x0591 && c <= 0x05BD) || c === 0x05BF || c === 0x05C1 || c === 0x05C2 ||
        c === 0x05C4 || c === 0x05C5 || c === 0x05C7) {
      return -1; /* Hebrew points and cantillation: dropped */
    }
    switch (c) {
      case 0x05DA: case 0x05DD: case 0x05DF: case 0x05E3: case 0x05E5:
        return c + 1; /* Hebrew final letters: their usual form */
      case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627;
      case 0x0649: case 0x06CC: return 0x064A;
      case 0x0629: return 0x0647;
      case 0x06A9: return 0x0643;
    }
    if (c >= 0x0660 && c <= 0x0669) { return 0x30 + c - 0x0660; }
    if (c >= 0x06F0 && c <= 0x06F9) { return 0x30 + c - 0x06F0; }
    return c;
  }

  /* The normalised text, and for each of its UTF-16 units the index of the
   * unit it came from, to cut snippets from the original. */
  function isSpace(c) {
    return c === 32 || (c >= 9 && c <= 13) || c === 0xA0 || c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200A) || c === 0x2028 || c === 0x2029 || c === 0x202F ||
      c === 0x205F || c === 0x3000 || c === 0xFEFF;
  }
  function normalise(s) {
    var out = [], map = [], i, c, f, ch;
    for (i = 0; i < s.length; i++) {
      c = s.charCodeAt(i);
      f = fold(c);
      if (f < 0) { continue; }
      if (isSpace(f)) {
        ch = ' ';
      } else if (f >= 0x41 && f <= 0x5A) {
        ch = String.fromCharCode(f + 32);
      } else if (f >= 0x80 && f < 0x0250) {
        ch = String.fromCharCode(f).toLowerCase();
      } else {
        ch = String.fromCharCode(f);
      }
      out.push(ch);
      map.push(i);
    }
    return { text: out.join(''), map: map };
  }

  var wordRun = /[\p{L}\p{M}\p{N}\u200C\u200D]+/gu;
  function words(s) {
    return normalise(s).text.match(wordRun) || [];
  }

  /* Code point order, as the build sorts words (UTF-8 byte order). */
  function cmp(a, b) {
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) { return x < y ? -1 : 1; }
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    return (a.length - i) - (b.length - j);
  }

  /* ---------------------------------------------------------- loading */

  var base = (function () {
    var s = document.querySelector('script[src$="index.js"]');
    return s ? s.src.replace(/index\.js(\?.*)?$/, '') : '';
  })();
  var waiting = {};
  var chunks = {};
  var docs = {};

  /* A piece of the index: over HTTP fetched and its JSON parsed (the
   * script's call stripped: "WQ_SEARCH.w("NAME",{...});"); from file://, where
   * fetch is refused, run as a script. */
  var overHttp = /^https?:$/.test(window.location.protocol) && typeof fetch === 'function';
  function script(key, src, store) {
    if (store[key] !== undefined) { return Promise.resolve(store[key]); }
    if (!waiting[src]) {
      waiting[src] = overHttp ? fetch(base + src).then(function (r) {
        if (!r.ok) { throw new Error(src); }
        return r.text();
      }).then(function (js) {
        store[key] = JSON.parse(js.slice(js.indexOf(',') + 1, js.lastIndexOf(')')));
        return store[key];
      }) : new Promise(function (resolve, reject) {
        var el = document.createElement('script');
        el.src = base + src;
        el.async = true;
        el.onload = function () { resolve(store[key]); };
        el.onerror = function () { reject(new Error(src)); };
        document.head.appendChild(el);
      });
    }
    return waiting[src];
  }
  /* A chunk is known by its number here, by its name in its file. */
  var chunkAt = null;
  data.w = function (name, words) {
    if (!chunkAt) {
      chunkAt = {};
      data.files.forEach(function (f, k) { chunkAt[f] = k; });
    }
    if (Object.prototype.hasOwnProperty.call(chunkAt, name)) { chunks[chunkAt[name]] = words; }
    chunkWritten();
  };
  function chunkSrc(k) { return 'w/' + data.files[k] + '.js'; }
  data.number = function (n) { return number(n); }; /* for the tests */
  data.d = function (n, doc) { docs[n] = doc; };

  /* The chunk a word would be in: the last whose first word is not after it. */
  function chunkOf(word) {
    var lo = 0, hi = data.words.length;
    while (hi - lo > 1) {
      var mid = (lo + hi) >> 1;
      if (cmp(data.words[mid], word) <= 0) { lo = mid; } else { hi = mid; }
    }
    return lo;
  }

  /* The chunks holding words that start with @prefix (at most three). */
  function chunksOf(prefix) {
    var first = chunkOf(prefix), out = [first], k;
    for (k = first + 1; k < data.words.length && out.length < 3; k++) {
      if (data.words[k].lastIndexOf(prefix, 0) !== 0) { break; }
      out.push(k);
    }
    return out;
  }

  function loadChunks(ids) {
    return Promise.all(ids.map(function (k) { return script(k, chunkSrc(k), chunks); }));
  }

  /* A word's articles and weights: {doc: weight}; with @prefix, those of
   * every word starting with it as well. */
  function postings(word, prefix, ids) {
    var out = {}, i, k, key;
    function add(list) {
      var doc = 0, j;
      for (j = 0; j + 1 < list.length; j += 2) {
        doc += list[j];
        out[doc] = (out[doc] || 0) + list[j + 1];
      }
    }
    for (i = 0; i < ids.length; i++) {
      var c = chunks[ids[i]] || {};
      if (!prefix) {
        if (Object.prototype.hasOwnProperty.call(c, word)) { add(c[word]); }
        continue;
      }
      for (key in c) {
        if (Object.prototype.hasOwnProperty.call(c, key) && key.lastIndexOf(word, 0) === 0) {
          add(c[key]);
        }
      }
    }
    return out;
  }

  function inflate(b64) {
    var bin = atob(b64), bytes = new Uint8Array(bin.length), i;
    for (i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Response(stream).text();
  }

  function loadDoc(n) {
    return script(n, 'd/' + n + '.js', docs);
  }

  /* The article's text, inflated once. */
  function textOf(d) {
    if (!d.ready) {
      d.ready = inflate(d.x).then(function (text) {
        d.text = text;
        d.norm = normalise(text);
        return d;
      });
    }
    return d.ready;
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
    return (form === undefined ? '#' : form).replace(/#/g, number(n));
  }

  /* A whole number in the site's digits and grouping, as the build gives
   * them (the browser's Intl.NumberFormat takes tens of milliseconds to
   * start, on the way to the first results). */
  function number(n) {
    var digits = Array.from(status.getAttribute('data-digits') || '');
    var group = status.getAttribute('data-group') || '';
    var sizes = (status.getAttribute('data-grouping') || '0 0 1').split(' ').map(Number);
    var s = String(n), out = '', i, left;
    if (digits.length !== 10) {
      try { return new Intl.NumberFormat(locale).format(n); } catch (e) { return s; }
    }
    if (group && sizes[0] > 0 && s.length >= sizes[0] + sizes[2]) {
      /* from the right: the first group of sizes[0] digits, then of sizes[1] */
      var parts = [s.slice(s.length - sizes[0])];
      for (left = s.length - sizes[0]; left > 0; left -= sizes[1]) {
        parts.unshift(s.slice(Math.max(0, left - sizes[1]), left));
      }
      s = parts.join('\u0000');
    }
    for (i = 0; i < s.length; i++) {
      out += s.charAt(i) === '\u0000' ? group : digits[s.charCodeAt(i) - 48];
    }
    return out;
  }

  /* ----------------------------------------------------------- search */

  var wordChar = /[\p{L}\p{M}\p{N}\u200C\u200D]/u;
  function inWord(ch) { return wordChar.test(ch); }

  /* Where in the normalised text @terms first occur (one of them). */
  function firstHit(norm, terms) {
    var best = -1, len = 0, i;
    for (i = 0; i < terms.length; i++) {
      var at = norm.indexOf(terms[i]);
      if (at >= 0 && (best < 0 || at < best)) { best = at; len = terms[i].length; }
    }
    return { at: best, len: len };
  }

  function snippet(doc, terms) {
    var p = document.createElement('p');
    var hit = firstHit(doc.norm.text, terms), text = doc.text;
    p.className = 'snippet';
    p.setAttribute('dir', doc.d);
    p.setAttribute('lang', doc.l);
    if (hit.at < 0) {
      p.textContent = text.slice(0, 160) + (text.length > 160 ? '…' : '');
      return p;
    }
    var from = doc.norm.map[hit.at], to = doc.norm.map[hit.at + hit.len - 1] + 1;
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

  /* The chunks each word of a query needs; the last word's also hold the
   * words it starts. */
  function chunksFor(terms) {
    var ids = {}, per = [], i;
    for (i = 0; i < terms.length; i++) {
      per.push(i === terms.length - 1 && terms[i].length >= 3 ? chunksOf(terms[i])
                                                              : [chunkOf(terms[i])]);
      per[i].forEach(function (k) { ids[k] = true; });
    }
    return { per: per, ids: Object.keys(ids).map(Number) };
  }

  /* The articles holding every word of the query, best first. */
  function find(terms) {
    var need = chunksFor(terms);
    return loadChunks(need.ids).then(function () { return rank(terms, need.per); });
  }

  /* The articles holding every word of @terms, best first, from chunks
   * that are here (@per: the chunks of each word, from chunksFor()). */
  function rank(terms, per) {
    var score = null, hits = [], i, d;
    for (i = 0; i < terms.length; i++) {
      var p = postings(terms[i], i === terms.length - 1 && terms[i].length >= 3, per[i]);
      if (score === null) {
        score = p;
      } else {
        var both = {};
        for (d in score) {
          if (Object.prototype.hasOwnProperty.call(p, d)) { both[d] = score[d] + p[d]; }
        }
        score = both;
      }
    }
    for (d in score) {
      if (Object.prototype.hasOwnProperty.call(score, d)) { hits.push([Number(d), score[d]]); }
    }
    hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    for (i = 0; i < hits.length; i++) { hits[i] = hits[i][0]; }
    return hits;
  }

  var shown = { hits: [], terms: [], next: 0, run: 0 };

  /* The next ten results, appended to the list. */
  function showMore(run) {
    var page = shown.hits.slice(shown.next, shown.next + PAGE);
    shown.next += page.length;
    var first = null, terms = shown.terms;
    list.setAttribute('aria-busy', 'true');
    /* Every piece asked for at once; each result shown, in order, as soon
     * as it and those before it are there: its title at once, its snippet
     * once its text is inflated. */
    return page.map(loadDoc).reduce(function (shownBefore, piece) {
      return shownBefore.then(function () { return piece; }).then(function (d) {
        if (run !== shown.run) { return; }
        var li = document.createElement('li'), a = document.createElement('a');
        li.setAttribute('lang', d.l);
        li.setAttribute('dir', d.d);
        a.href = d.u;
        a.textContent = d.t;
        li.appendChild(a);
        list.appendChild(li);
        textOf(d).then(function () {
          if (run === shown.run) { li.appendChild(snippet(d, terms)); }
        });
        if (!first) { first = a; }
      });
    }, Promise.resolve()).then(function () {
      if (run !== shown.run) { return null; }
      list.setAttribute('aria-busy', 'false');
      if (more) { more.hidden = shown.next >= shown.hits.length; }
      return first;
    });
  }

  /* The search for ?q=, begun before the page was parsed. */
  var early = null;

  function show(query) {
    var terms = words(query), run = ++shown.run;
    list.textContent = '';
    list.setAttribute('aria-busy', 'false');
    if (more) { more.hidden = true; }
    if (!terms.length) {
      status.textContent = status.getAttribute('data-prompt');
      return Promise.resolve();
    }
    var found = early && early.query === query ? early.hits : find(terms);
    early = null;
    return found.then(function (hits) {
      if (run !== shown.run) { return; }
      shown.hits = hits;
      shown.terms = terms;
      shown.next = 0;
      var done = showMore(run);
      if (!hits.length) {
        status.textContent = status.getAttribute('data-empty');
        return done;
      }
      /* The count once the first results are on screen: the browser's
       * plural rules take 15 to 35 ms to start in a fresh page. */
      return done.then(function (first) {
        return afterFrame().then(function () {
          if (run === shown.run) {
            status.textContent = plural(status.getAttribute('data-results'), hits.length);
          }
          return first;
        });
      });
    });
  }

  function run(query, remember) {
    if (typeof DecompressionStream === 'undefined') {
      status.textContent = status.getAttribute('data-empty');
      return;
    }
    show(query).then(function () {
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

  /* Resolved once the next frame is painted. */
  function afterFrame() {
    return new Promise(function (resolve) {
      window.requestAnimationFrame(function () { setTimeout(resolve, 0); });
    });
  }

  /* The pieces of @hits from @from to the end of the first ten, asked for
   * before they are shown. */
  function prefetch(hits, from) {
    hits.slice(from, PAGE).forEach(function (n) {
      loadDoc(n).catch(function () { /* shown when it is needed */ });
    });
  }

  /* The search for ?q= while the page is parsed.  Written into the page
   * (document.write, from a script the parser runs), the chunks its words
   * need and then its first piece are scripts the parser waits for: the
   * first result is in the page's first layout.  The next nine pieces are
   * fetched meanwhile (the parser waiting for all ten was slower).
   * Fetched instead, the chunk's answer waited up to 100 ms for the page's
   * first style, layout and paint (and a worker took longer to start than
   * it saved).  Elsewhere (the script loaded async, or late),
   * searchEarly() fetches them all. */
  var pending = null;

  function parserRuns() {
    var s = document.currentScript;
    return document.readyState === 'loading' && s !== null && !s.async && !s.defer;
  }

  function writeScripts(srcs) {
    document.write(srcs.map(function (src) {
      return '<script src="' + (base + src).replace(/&/g, '&amp;').replace(/"/g, '&quot;') +
        '"><\/script>';
    }).join(''));
  }

  /* A chunk ran (data.w): once all the early query's are here, its first
   * piece is written after them, and the next nine fetched. */
  function chunkWritten() {
    if (!pending || !pending.need.ids.every(function (k) { return chunks[k] !== undefined; })) {
      return;
    }
    var hits = rank(pending.terms, pending.need.per);
    early = { query: pending.query, hits: Promise.resolve(hits) };
    pending = null;
    if (parserRuns() && hits.length) {
      if (docs[hits[0]] === undefined) { writeScripts(['d/' + hits[0] + '.js']); }
      prefetch(hits, 1);
    }
  }

  function writeEarly(query, terms) {
    pending = { query: query, terms: terms, need: chunksFor(terms) };
    writeScripts(pending.need.ids.map(chunkSrc));
  }

  /* The search for ?q= and its first pieces, fetched as soon as the index
   * is here, while the page may still be parsed and laid out. */
  function searchEarly(query) {
    var found = find(words(query));
    found.then(function (hits) { prefetch(hits, 0); }, function () { /* run() reports it */ });
    return found;
  }

  var timer = null;

  /* ?q= runs on load, so a search can be linked to. */
  var q = null;
  try { q = new URLSearchParams(window.location.search).get('q'); } catch (e) { q = null; }

  /* Once the index is here and the page parsed. */
  function start() {
    pending = null;
    form = document.querySelector('.search-form');
    input = document.getElementById('search-input');
    status = document.getElementById('search-status');
    list = document.getElementById('search-results');
    more = document.getElementById('search-more');
    if (!data.words || !data.files || !form || !input || !status || !list) {
      return;
    }
    locale = status.getAttribute('data-locale') || document.documentElement.lang || 'en';
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      run(input.value, true);
    });
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value, false); }, 200);
    });
    if (more) {
      more.addEventListener('click', function () {
        showMore(shown.run).then(function (first) { if (first) { first.focus(); } });
      });
    }
    if (q) {
      input.value = q;
      run(q, false);
    }
  }

  var awaited = 2;
  function step() {
    if (--awaited === 0) { start(); }
  }
  /* With the index here, the search for ?q= begins at once, while the
   * page may still be parsed; run() finds its results waiting. */
  function indexHere() {
    var terms = q && data.words && data.files ? words(q) : [];
    data.ready = null;
    if (terms.length && parserRuns()) {
      writeEarly(q, terms);
    } else if (terms.length && overHttp) {
      early = { query: q, hits: searchEarly(q) };
    }
    step();
  }
  if (data.words) {
    indexHere();
  } else {
    data.ready = indexHere;
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', step);
  } else {
    step();
  }
})();
