/* Search index, written by the build. */
window.WQ_SEARCH = {"docs":[
{"t":"مقدمة الموقع","u":"../mqdmt-almwq/index.html","l":"ar","d":"rtl"},
{"t":"تقرير الربع الأول 2024","u":"../reports/2024/tqryr-alrb-alawl-2024/index.html","l":"ar","d":"rtl"},
{"t":"دراسة حالة من عمّان","u":"../drasat-mydanyt/drast-halt-mn-man/index.html","l":"ar","d":"rtl"},
{"t":"An English page","u":"../an-english-page/index.html","l":"en","d":"ltr"},
{"t":"التقرير السنوي","u":"../reports/altqryr-alsnwy/index.html","l":"ar","d":"rtl"}],
"text":"lVPLbtpQEP2VkdeRo3aJlEUX3XZVdVO6sMACS8am2Cjd2jGPupX6AV1GiTENECehEX8y8zc9c20IFYuqC8SduXPPnHNm/NGSTCZc8D0XJDPzx4XmZC4p79pBO5Apb4l3XPFCcpJEcpkRL/mJN5LzhlA5QS7DAblnXuDQCbuuxhWgF/xMfAPMrwaalwCu8LLSgqP8VhJecVkHN+h6h7ucH/ArX0r3zIjXwK5QlFM/jodR6/zc/eIMhr5rd8KBrcxBZ6dFp5L+KZp3MkXPQqba8QqNQDfna3S9R0btAN1CvmmwhqasDk1fvJghXepTyOAHLv9Kw5JCUtVlWh1MWsO9yqRWSD0Z4fwIx7P6uDDWNJPg0rbOLDMckN4aQ5V17R9K1CM9XkNVxt+JNwBd65xSgE4wSVTtJLcbvXMUlCeTKppZKczh8nhUNZpywXuV8qjCG0Z6THRr6pZ6qy4c1ol/0pHTL3BmqYCk3WcwXn6gKAUlU9awWOFyLglpGlxzlBibAIi15N/G1Mgf96IWOVHH8/5f6YE3avbq0EvVvu97EQ2dnkv4vxx5cewG5AX0Nuj5XtQ/oygkL6aeG0fkO0Hvom25QdsiJ+hS1xsh9ONR2zKc6J0zcOmD449dCgOXXlF8GdLrN/R5HMZO7IWB8VftmeLLK/iW78xGKevbZtVAP9Vjy6isp46NNNEvNQ7q9vFSt1VHJJmJzV6d+oJZpfjKDb5+5Zm6rY0SSW3r0x8="};
