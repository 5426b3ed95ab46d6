WQ_SEARCH.d(9,{"t":"Frequently asked questions","u":"../misc/faq/index.html","l":"en","d":"ltr","x":"C8nILFYoSExPVcgsVsjLL1HIzFMIDvX1dQyK1MtNsVLILFFIzs9NLVZITCtJLVIoyUhVSM5ILChJLSoGyeVkFpcU6wEA"});
