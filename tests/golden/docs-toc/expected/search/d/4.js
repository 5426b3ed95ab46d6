WQ_SEARCH.d(4,{"t":"الإعدادات المتقدمة","u":"../guide/advanced/index/index.html","l":"ar","d":"rtl","x":"HcnBCYAwEAXRVrYCmzRRSBtBFqImiKd0Mr8bFw9zeAwHk4H/NVPCTYWbFr60B6laOXkMV1LmjdcZyiralg8="});
