WQ_SEARCH.d(8,{"t":"رموز الخروج","u":"../reference/exit-codes/index.html","l":"ar","d":"rtl","x":"Jcq7CYAwFIbRPlPcCYK2mS8JsXQICQbfYOEm37+NoO3hdMGUWVhpRlVU4qIqKTN75/pgNB4OjZx/KNwqisakqOEzNiq7kn8B"});
