WQ_SEARCH.d(2,{"t":"מעצר מהגרים","u":"../hebrew/index.html","l":"he","d":"rtl","x":"BcCxDYJAFADQVX6pjTuYOIKDofi95oBACDmo2eWtQ/x0mq80hVUzG0IvnUooentY1FBUaZWOUI0Wmxa35/t1Dx+dv9QeFw=="});
