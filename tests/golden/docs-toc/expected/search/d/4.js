WQ_SEARCH.d(4,{"t":"الإعدادات المتقدمة","u":"../guide/advanced/index/index.html","l":"ar","d":"rtl","x":"HcPbCYAwEETRVrYCmzRRSBsiA+sjiF92cqcbIQcOOx8djRkuKNy4SMTpFQWbZw6eQC6uvCQ33dXNy/QD"});
