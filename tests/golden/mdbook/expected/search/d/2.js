WQ_SEARCH.d(2,{"t":"Reading the logs","u":"../guide/logs/index.html","l":"en","d":"ltr","x":"c01MzlAoKs1TKC/KLEktVsjPS1XIycxLVShILVJIy8xJVSjJV6jT1yuuzEvWz8lP1wMA"});
