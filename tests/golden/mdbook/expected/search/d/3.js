WQ_SEARCH.d(3,{"t":"Searching the logs","u":"../guide/searching/index.html","l":"en","d":"ltr","x":"Cy1OVUgvSi1QyM9TKMlIVcjJT7dWKE5NBXOS83NzE/NSFHIy81L1AA=="});
