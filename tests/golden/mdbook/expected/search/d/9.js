WQ_SEARCH.d(9,{"t":"Frequently asked questions","u":"../misc/faq/index.html","l":"en","d":"ltr","x":"C8nILFYoSExPVQDSefklCpl5CsGhvr6OQZF6uSlWCpklCsn5uanFColpJalFCiUZqQrJGYkFQHYxSC4ns7ikWA8A"});
