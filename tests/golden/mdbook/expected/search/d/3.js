WQ_SEARCH.d(3,{"t":"Searching the logs","u":"../guide/searching/index.html","l":"en","d":"ltr","x":"ASoA1f9Vc2UgZ3JlcCBvbiB0aGUgbG9nOyBzZWUgdGhlIGNvbW1hbmQgbGluZS4="});
