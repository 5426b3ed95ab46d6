WQ_SEARCH.d(8,{"t":"رموز الخروج","u":"../reference/exit-codes/index.html","l":"ar","d":"rtl","x":"JYrNCYAwFMbuneJNUPTa+VqpR4cQsfgPHtwk3zYWPYWENMHUsbBSjElRiasy1Th759pgFB4ODZz/kLmVFY2xSv81NiZ2Jf8C"});
