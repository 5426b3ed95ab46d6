WQ_SEARCH.d(9,{"t":"Frequently asked questions","u":"../misc/faq/index.html","l":"en","d":"ltr","x":"BUC5DYAwDFzlJsgAdAyQhqegtILBlsij+PYXOswDQ16FB1onvGE/c163K9V7gROlVw3IQ52gKYrJoM6AE58HI/0="});
