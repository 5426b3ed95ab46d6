WQ_SEARCH.d(5,{"t":"sync-tool push","u":"../cli/push/index.html","l":"en","d":"ltr","x":"c84vyEwtVijPSCxRSM5IzEtPTVFIK8rPVSjJSFVIzs8tKC1JLVIoyQfzi1OLylKL9AA="});
