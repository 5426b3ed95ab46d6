/* Search index, written by the build. */
window.WQ_SEARCH = {"docs":[
{"t":"مقدمة الموقع","u":"../mqdmt-almwq/index.html","l":"ar","d":"rtl"},
{"t":"تقرير الربع الأول 2024","u":"../reports/2024/tqryr-alrb-alawl-2024/index.html","l":"ar","d":"rtl"},
{"t":"An English page","u":"../an-english-page/index.html","l":"en","d":"ltr"},
{"t":"التقرير السنوي","u":"../reports/altqryr-alsnwy/index.html","l":"ar","d":"rtl"}],
"text":"hVLBbtNAEP2Vkc+VKzhW4sCBKyfEBXOwmlViyVmHeKtyjXGSYviLqnUc2qQujSr/yczf8GadlqIcOFg7M5598+a9/RRIKXOu+Y5rkqU/uNaaXEjBXWQjKwveEXfc8koqkplUsiRe8wNvpeItoXOOWokAtUdeITjNBkbzFtArfiS+AuZ3D81rALe42WrDi/pOZnzLTZ9cYeoN/lV8j6/52/rEjHgD7BZNFY2cm+Qnx8fmazyepCY8zcahMgedTpsOV/rv0tzJAjNrWejEbxgEuhVfYuodKioH6NbyQ5MNdir71M/FjSXKjV7FGnzPzT9lSFJLoXv5Uc8ibaBe60u3KD34xfk3FC/7cOWl2TvBTRgcBd4ckN55QZV1rx9aVCMNL7FVyT+JtwDdqE8FQOdwEl2dVOF+3ws0NAdO1XuvFOb550urejTl8mGU5DSJh4Zwnk8T54ylxNI7O0yTfHREeUaJo6FxOaWxHb6JAmOjgGI7oEEyRZq6aRR4PvQ+Hhv6GKdnhjJr6BW584xev6UvZ5mLXZJZnejnL/AWa77mG6+xMr7eiw/qhYYnfsNeB3jks1/qLTZ7ytfqn8oopc+90oeawMMC797j67uH7f2gmRRh8PkP"};
