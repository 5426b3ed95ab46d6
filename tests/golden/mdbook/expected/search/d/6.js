WQ_SEARCH.d(6,{"t":"sync-tool pull","u":"../cli/pull/index.html","l":"en","d":"ltr","x":"c84vyEwtVijPSCxRSM5IzEtPTVFIK8rPVSjJSFUoTi0qSy1SKMkH85LzcwtKS1KL9AA="});
