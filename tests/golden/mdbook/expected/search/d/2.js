WQ_SEARCH.d(2,{"t":"Reading the logs","u":"../guide/logs/index.html","l":"en","d":"ltr","x":"ATEAzv9FYWNoIHJ1biB3cml0ZXMgb25lIGxpbmUgcGVyIGZpbGUgdG8gfi8uc3luYy9sb2cu"});
