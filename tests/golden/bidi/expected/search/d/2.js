WQ_SEARCH.d(2,{"t":"מעצר מהגרים","u":"../hebrew/index.html","l":"he","d":"rtl","x":"FYy7CYBAAENXSamNOwiO4GD+rzkV5ZDT2l3eOsYi8PICYaIjMzCzi2Q8WMXo/hJEMN7iJP4crZPzyLjZXmQVdduUovfR4i1XHw=="});
