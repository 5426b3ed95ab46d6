/* Search index, written by the build: the first word of each chunk of words and the chunk's name (w/NAME.js); the articles are d/N.js. */
(function (s, m) { s.v = m.v; s.n = m.n; s.words = m.words; s.files = m.files; if (s.ready) { s.ready(); } })(window.WQ_SEARCH = window.WQ_SEARCH || {}, {"v":4,"n":4,"words":["12"],"files":["dha35dtssd"]});
