WQ_SEARCH.d(8,{"t":"Contributors","u":"../misc/contributors/index.html","l":"en","d":"ltr","x":"ASYA2f9UaGFua3MgdG8gZXZlcnlvbmUgd2hvIHJlcG9ydGVkIGEgYnVnLg=="});
