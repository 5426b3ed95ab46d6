WQ_SEARCH.d(2,{"t":"מעצר מהגרים","u":"../hebrew/index.html","l":"he","d":"rtl","x":"FcaxDYJQFADAVV6pjTuYOIKDofik+UAghHyo2eXWIVx1fhrVVxrDopr0oZUOXei0tjAr14u0SHsoBrNVjdvz/bqHj8Zfqo8T"});
