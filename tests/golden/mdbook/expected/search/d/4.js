WQ_SEARCH.d(4,{"t":"The command line","u":"../cli/README/index.html","l":"en","d":"ltr","x":"K67MS9Ytyc/PUXD29/V19HNRiPYPCPH09wuOtVYoyUhVSM7PzU3MSylWSCxKVSgoLc5QSMxLUSgozcnRAwA="});
