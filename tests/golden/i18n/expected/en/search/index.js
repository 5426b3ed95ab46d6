/* Search index, written by the build: the first word of each chunk of words (w/N.js); the articles are d/N.js. */
window.WQ_SEARCH = {"v":2,"n":2,"words":["12"]};
