/* Search index, written by the build. */
window.WQ_SEARCH = {"docs":[
{"t":"مقدمة الموقع","u":"../mqdmt-almwq/index.html","l":"ar","d":"rtl"},
{"t":"An English page","u":"../an-english-page/index.html","l":"en","d":"ltr"},
{"t":"التقرير السنوي","u":"../reports/altqryr-alsnwy/index.html","l":"ar","d":"rtl"}],
"text":"hVK7TsNAEPyVlWsUBCUSBQUtFaLBFBY5JZacc4gPQRtjEjCfgcBxgATzEMqf7P4NsxeeoqCwbne8t7Mzt/uBFHLOFT9yRTL2B1eKyYXkvAhtaGXEr8QLbngiJclQShkTT/mF51LynFB5DqxAAOyNJwgO07bRvEHrCb8R36DnpW/NUzRucLPRgh/4qwz5getlcgPWe/wr+Qlf/V36ORnxDL0bFJXUda6fbayumtOo109M6zDttXRyjLPQor+S/hXNCxmBs5KRMp6BCOOWfA3WRyBqB8at5EqTGTQVy9Tz4sYYcK1XIYOfuP4Fw5JKctXlqb5MmsG9xkMPgF68cH6G48UynHhrPl6C61awEux244z6UccQzpNB7JyxFFvatp0kzrorlKUUO+oYl1ES2c5mGBgbBhTZNrXjAdLEDcLAj007Uc/QXpQcG0qtoTVyJymtb9HRceoiF6dWGb1TI7x/xbd873XlGn8Ihi+5hhtexzUcLdQXn92pn5j8M5+qZ3h3LI/PvTq4Plex35sB33Lsmu+vuwarl0RDyVvBwTs="};
