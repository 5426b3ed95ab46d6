WQ_SEARCH.d(8,{"t":"Contributors","u":"../misc/contributors/index.html","l":"en","d":"ltr","x":"C8lIzMsuVijJV0gtSy2qzM9LVSjPyFcoSi3ILypJTVFIVEgqTdcDAA=="});
