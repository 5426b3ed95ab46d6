/* Search index, written by the build. */
window.WQ_SEARCH = {"docs":[
{"t":"مقدمة الموقع","u":"../mqdmt-almwq/index.html","l":"ar","d":"rtl"},
{"t":"تقرير الربع الأول 2024","u":"../reports/2024/tqryr-alrb-alawl-2024/index.html","l":"ar","d":"rtl"},
{"t":"دراسة حالة من عمّان","u":"../drasat-mydanyt/drast-halt-mn-man/index.html","l":"ar","d":"rtl"},
{"t":"An English page","u":"../an-english-page/index.html","l":"en","d":"ltr"},
{"t":"التقرير السنوي","u":"../reports/altqryr-alsnwy/index.html","l":"ar","d":"rtl"}],
"text":"hFFJbsJAEPzKiAeYe74Cl4hY4sAmhQNXiLGTyTMiNB4EhiEg5J9U/4bqcSCgHHKw3F3uruoqd1qSyRIOezgjRXzBKSbvskDdHXVHkuNkUCOgFGtkLlYKgzWO2InFznBySSxjQeyMkkVv/JJqH0hd4mywIudHpMaaxIGbQQfu8JPMsYVvmhVVN/xmceDjf0evlxlU5A4csqY/nU5en9rtdPY8nAzSpDceJno5z6l16K+lf02jlpyaTnJVfKMQz7X4ouqeiMbBc518alPRU9a0UZcbBWGvq7SBA/wDzEicLNRXlLqFVDG9EKEtoWM0jm8mnjVlGaP5+RPwSesCAAD//zzM0QmAMBAD0FUOv6UTdQZ3UGpRcQuRqqBSpB/dJNnGk4I/R+BeUlf0SMIOiROiINMLAh0iNuQSFw56Z8GNgIvu4w97YasqczK2sY2GQcEuWOk4luahMiCWaZ35n0m754dVlTVTvQAAAP//PI9BCoJgFISv8nAdHqCzuIkWIYQb6QD+qP256QAtI9QgRKSim8zcptHS3Xv/fP/MvFWADj1qDGiNDk9WWjVmrMZ9YGGjyoJHw0daI+KikSU9apaSmf9JehZyqtGLZsWzIMf8h92EnQwPiZ6Zjc+4Cypl2E6G6AwvNHhbuj/s0rVt0m0ch1ESJZK9mraLjUL1201Zqmy40s/i0lvMfJ2ywuALAAD//wzHMQrDMAwF0Kt8NIdAu3fo0DVT6eRFEOEInK/WVsj1m+nxJnlvPvDVarg8u2ca4cSLtfnYJoyAJ6rlQFPWRxFjEShXrN6vtuxF5sJCLLobPtoOQ9BwQ56B+xO/I1LTg7P8AQAA//88jc0JgDAUg1cRz+IAzuIM7tBSpeoYouIPiAcPbpJsY9qCl0c+HslX5Fjp2GHHigVn3dQNbchssWU6N22IVfhgoqdTY4x0KHUcft5p1Hw40EXWMl56XFrCLE2fRVsrw5X2vcDRJJGhLfMPAAD//4sFAA=="};
