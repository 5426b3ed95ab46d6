/* Search index, written by the build. */
window.WQ_SEARCH = {"docs":[
{"t":"مقدمة الموقع","u":"../mqdmt-almwq/index.html","l":"ar","d":"rtl"},
{"t":"تقرير الربع الأول 2024","u":"../reports/2024/tqryr-alrb-alawl-2024/index.html","l":"ar","d":"rtl"},
{"t":"An English page","u":"../an-english-page/index.html","l":"en","d":"ltr"},
{"t":"التقرير السنوي","u":"../reports/altqryr-alsnwy/index.html","l":"ar","d":"rtl"}],
"text":"hZLBTttAEIZfZeQzCipHpB566JVT1QvmYJFVYslZp/EiuMZ1ktbtWyBwnEKCIRHym8y8Df+sobTiwMHamfHszPzf7HEghcy44juuSBb+4Epj8kNybkMbWpnzjrjlhpdSkkyllAXxire8kZI3hMwZYgUMxB55CeM07Rv1G5Re8iPxFWr+9KV5hcINbjaa8E98J1O+5bpzrtD1Bv9KvsdXv6a+TEa8Ru0GSSUNnRtnh/v75iIajRPTO01HPZ0c47Sa9FbSu6K5lTl6VjLXjt/RCOOWfImud4goDoxbyS911tBUdK7vixsLhGu9Chl8z/V/YSCpJFddvtVfSGvQa3zoFqGtF84PIF505tKjed4E171gL/DLwdA7D1Sn7vghRRmpeQlVBf8m3qDoWveUo+gMm0RWK6WW+TKMMxpHA0M4zyexc8ZSbOmzHSRxNtyjLKXY0cC4jJLIDj6GgbFhQJHtUz+ewE3cJAy8ejqKRoa+RsmZodQa+kDuPKWDT/TtLHWRi1OrHT3wOZ5Rxdd84/Hkaj9zA95czUOPo5MAvN77o2uB3hd/peiVgBTe95CwvI0ye31gwJ/jyfr6+mSxsa7RVPJecPIE"};
