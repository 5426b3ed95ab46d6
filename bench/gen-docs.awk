# bench/gen-docs.awk: the documentation-shaped corpus (see gen-docs.sh,
# which runs it and writes the images and the tools' settings).
#   awk -v n=3000 -v out=OUTDIR -f gen-docs.awk seeds/*.txt
# Reads the seeds, splits them into paragraphs (one per line; a run of
# "- " lines is one list; headings and lines under 40 bytes are left out;
# placeholder links "[text](#)" keep their text only), then writes, in
# site order (document i has weight i):
#   OUTDIR/warraq/src/<folders>/doc-NNNN.md   the documents, and _index.md
#   OUTDIR/hugo/content/<folders>/...          the very same files
#   OUTDIR/pandoc/NNNNN.md                     one per document: its title as
#       a level-1 heading, explicit ids, links rewritten to those ids
#   OUTDIR/pandoc/files.txt                    the Pandoc files, in order
#   OUTDIR/images.txt                          every image to write (relative
#       to OUTDIR, one a line): the sources' media/img-NNNN.png, the same
#       under hugo/static/, and pandoc/media/img-NNNN.png
# Deterministic: no clock, no rand(); the same n gives the same bytes.
# (No interval expressions in regular expressions: mawk lacks them.)

function lcg() { seed = (seed * 16807) % 2147483647; return seed }

# YAML double-quoted scalar: escape \ and " (ASCII bytes, never inside a
# UTF-8 sequence, so byte-wise is safe).
function yq(s,    r, i, c) {
	r = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\" || c == "\"") r = r "\\"
		r = r c
	}
	return "\"" r "\""
}

# Text cut at a space at or before byte max (never inside a letter).
function cut(s, max,    p) {
	gsub(/\*\*/, "", s)
	if (length(s) <= max) return s
	p = max
	while (p > 1 && substr(s, p, 1) != " ") p--
	return substr(s, 1, p - 1) "…"
}

# Relative path from folder a to file f in folder b (folders without a
# trailing slash).
function rel(a, b, f,    na, nb, x, y, c, i, r) {
	na = split(a, x, "/"); nb = split(b, y, "/")
	c = 0
	while (c < na && c < nb && x[c + 1] == y[c + 1]) c++
	r = ""
	for (i = c + 1; i <= na; i++) r = r "../"
	for (i = c + 1; i <= nb; i++) r = r y[i] "/"
	return r f
}

# The id warraq (and Hugo, and GitHub) give a heading made of letters and
# single spaces: the words joined with "-".
function hid(text) { gsub(/ /, "-", text); return text }

function addpara(s) { npara++; para[npara] = s }
function flushlist() { if (list != "") { addpara(list); list = "" } }

# The k-th heading (1-based) of document i, and how many it has.
function nhead(i) { return 3 + i % 2 }
function head(i, k) { return H[(i * 5 + k - 1) % NH + 1] }

# A seed paragraph for document i, slot k.
function p(i, k) { return para[(i * 7 + k * 11) % npara + 1] }

# The link from document i to document t, text and target, for warraq
# and Hugo (mode "md") or Pandoc (mode "pd"); with a fragment when frag.
function link(i, t, frag, mode,    kk, dest) {
	kk = (i + t) % nhead(t) + 1
	if (mode == "md") {
		dest = rel(dir[i], dir[t], name[t] ".md")
		if (frag) dest = dest "#" hid(head(t, kk))
	} else {
		dest = "#d" num[t]
		if (frag) dest = dest "-s" kk
	}
	return "[" title[t] "](" dest ")"
}

# The body of document i (after its front matter or title).
function body(i, mode,    s, k, nh, h, l) {
	s = p(i, 0) "\n\n![مخطط توضيحي: " topic[i] "](media/img-" num[i] ".png)\n"
	nh = nhead(i)
	for (k = 1; k <= nh; k++) {
		h = head(i, k)
		s = s "\n## " h (mode == "pd" ? " {#d" num[i] "-s" k "}" : "") "\n\n" p(i, k) "\n"
		if (k == 1) {
			s = s "\nللتفاصيل، راجع " link(i, tg[i, 1], fr[i, 1], mode) ".\n"
			if (i % 4 == 0)
				s = s "\n> [!NOTE]\n> " cut(p(i, k + 5), 300) "\n"
		} else if (k == 2) {
			s = s "\n" p(i, k + 7) "\n\nانظر أيضًا " link(i, tg[i, 2], fr[i, 2], mode) \
				" و" link(i, tg[i, 3], fr[i, 3], mode) ".\n"
			if (i % 3 == 0)
				s = s "\n| الخيار | الوصف |\n|---|---|\n| `--id` | معرّف المستند |\n" \
					"| `--limit` | الحد الأقصى لعدد النتائج |\n| `--format` | صيغة الإخراج |\n"
		} else if (k == 3) {
			s = s "\n```sh\ndocsctl " mid[i] " " leaf[i] " list --limit " (i % 50 + 10) \
				"\ndocsctl " mid[i] " " leaf[i] " show --id " i "\n```\n"
		}
		if (k == nh)
			s = s "\nوللاستزادة: " link(i, tg[i, 4], fr[i, 4], mode) "، ثم " \
				link(i, tg[i, 5], fr[i, 5], mode) ".\n"
	}
	return s
}

BEGIN {
	if (n < 1) n = 3000
	seed = 20240517
	# Folders: top sections, then two levels below, some with a fourth.
	nt = split("getting-started guides tutorials concepts reference api administration integrations security troubleshooting release-notes", T, " ")
	split("البدء|الأدلة|الدروس التعليمية|المفاهيم|المرجع|واجهة البرمجة|الإدارة|التكاملات|الأمان|استكشاف الأخطاء|ملاحظات الإصدار", Ta, "|")
	nm = split("inventory billing accounts reports shipping users storage networking search notifications scheduling backups", M, " ")
	split("المخزون|الفوترة|الحسابات|التقارير|الشحن|المستخدمون|التخزين|الشبكات|البحث|الإشعارات|الجدولة|النسخ الاحتياطي", Ma, "|")
	nl = split("receiving returns audits exports imports limits webhooks permissions quotas templates alerts migration settings history sync", L, " ")
	split("الاستلام|المرتجعات|التدقيق|التصدير|الاستيراد|الحدود|الخطافات|الصلاحيات|الحصص|القوالب|التنبيهات|الترحيل|الإعدادات|السجل|المزامنة", La, "|")
	split("advanced examples internals", D, " ")
	split("متقدم|أمثلة|البنية الداخلية", Da, "|")
	# Headings: letters and single spaces only, so their ids are known.
	NH = split("نظرة عامة|المتطلبات المسبقة|خطوات الإعداد|أمثلة الاستخدام|الإعدادات المتقدمة|استكشاف الأخطاء وإصلاحها|الأسئلة الشائعة|ملاحظات الإصدار|مراجع إضافية|الصلاحيات والأدوار|حدود النظام|أفضل الممارسات", H, "|")
	ntp = split("البدء السريع|ضبط الإعدادات|إنشاء سجل جديد|تعديل البيانات|حذف العناصر|تصدير النتائج|استيراد الملفات|إدارة الصلاحيات|مراقبة الأداء|معالجة الأخطاء|جدولة المهام|تخصيص الواجهة|ربط الخدمات|مراجعة السجلات|حدود الاستخدام|أسئلة متكررة", TP, "|")
	ntag = split("مخزون|فوترة|حسابات|تقارير|شحن|مستخدمون|تخزين|شبكات|بحث|إشعارات|جدولة|نسخ احتياطي|أمان|أداء|واجهة برمجة|تكامل|ترحيل|إعدادات|أخطاء|إصدارات", TG, "|")
	nau = split("سلمى حداد|يوسف العلي|مريم خليل|عمر النجار|ليلى منصور", AU, "|")
	nd = 0; nf = 0
	for (t = 1; t <= nt; t++) {
		nd++; dpath[nd] = T[t]; dname[nd] = Ta[t]; dindex[nd] = 1
		for (m = 0; m < 4; m++) {
			mi = (t * 3 + m) % nm + 1
			nd++; dpath[nd] = T[t] "/" M[mi]; dname[nd] = Ma[mi]; dindex[nd] = 1
			for (l = 0; l < 3; l++) {
				li = (t * 5 + m * 3 + l) % nl + 1
				nd++; dpath[nd] = T[t] "/" M[mi] "/" L[li]; dname[nd] = La[li]
				dindex[nd] = (l == 0)
				nf++; fpath[nf] = dpath[nd]; fmid[nf] = M[mi]; fleaf[nf] = L[li]; fname[nf] = La[li]
				if ((t + m + l) % 4 == 0) {
					di = t % 3 + 1
					nd++; dpath[nd] = dpath[nd - 1] "/" D[di]; dname[nd] = Da[di]; dindex[nd] = 0
					nf++; fpath[nf] = dpath[nd]; fmid[nf] = M[mi]; fleaf[nf] = L[li]; fname[nf] = Da[di]
				}
			}
		}
	}
	w = length(n "") < 4 ? 4 : length(n "")
	# Documents: folders in turn, in contiguous runs (so site order is
	# folder order).
	for (i = 1; i <= n; i++) {
		f = int((i - 1) * nf / n) + 1
		dir[i] = fpath[f]; mid[i] = fmid[f]; leaf[i] = fleaf[f]
		num[i] = sprintf("%0" w "d", i)
		name[i] = "doc-" num[i]
		topic[i] = TP[(i * 3) % ntp + 1]
		title[i] = fname[f] ": " topic[i] " (" i ")"
		used[dir[i]] = 1
	}
	# Five links each: the next and previous documents, three others; a
	# third of all links with a fragment (a heading of the target).
	for (i = 1; i <= n; i++) {
		for (k = 1; k <= 5; k++) {
			if (n == 1) t = 1
			else if (k == 1) t = i % n + 1
			else if (k == 2) t = (i + n - 2) % n + 1
			else { t = lcg() % (n - 1) + 1; if (t >= i) t++ }
			tg[i, k] = t
			fr[i, k] = ((i * 5 + k) % 3 == 0)
		}
	}
}

# ---------------------------------------------------------------- seeds
FNR == 1 { flushlist(); sub(/^\357\273\277/, "") }
{
	sub(/\r$/, "")
	if ($0 ~ /^[ \t]*$/) { flushlist(); next }
	if ($0 ~ /^ *#/) { flushlist(); next }
	while (match($0, /\[[^]]*\]\(#\)/))
		$0 = substr($0, 1, RSTART - 1) substr($0, RSTART + 1, RLENGTH - 5) substr($0, RSTART + RLENGTH)
	if ($0 ~ /^- /) { list = list (list == "" ? "" : "\n") $0; next }
	flushlist()
	if (length($0) >= 40) addpara($0)
}

END {
	flushlist()
	if (npara == 0) { print "gen-docs.awk: no paragraphs in the seeds" > "/dev/stderr"; exit 1 }
	# Summaries come from prose paragraphs only (not lists).
	for (j = 1; j <= npara; j++) if (para[j] !~ /^- /) prose[++nprose] = para[j]
	# Folders with documents, and their parents.
	mk = ""
	for (d = 1; d <= nd; d++) {
		for (e = d; e <= nd; e++)
			if (index(dpath[e] "/", dpath[d] "/") == 1 && used[dpath[e]]) break
		if (e > nd) continue
		live[d] = 1
		mk = mk " " out "/warraq/src/" dpath[d] " " out "/hugo/content/" dpath[d]
		if (used[dpath[d]])
			mk = mk " " out "/warraq/src/" dpath[d] "/media " out "/hugo/static/" dpath[d] "/media"
		if (length(mk) > 50000) { if (system("mkdir -p" mk)) exit 1; mk = "" }
	}
	if (system("mkdir -p " out "/pandoc/media" mk)) exit 1
	imgs = out "/images.txt"
	lst = out "/pandoc/files.txt"
	printf "" > imgs
	printf "" > lst
	# Sections' _index.md: the top sections, the second level, and the
	# first folder of each third level.
	for (d = 1; d <= nd; d++) {
		if (!live[d] || !dindex[d]) continue
		s = "---\ntitle: " yq(dname[d]) "\nsummary: " yq(cut(prose[d % nprose + 1], 240)) \
			"\n---\n\n" para[(d * 3) % npara + 1] "\n"
		f = out "/warraq/src/" dpath[d] "/_index.md"; printf "%s", s > f; close(f)
		f = out "/hugo/content/" dpath[d] "/_index.md"; printf "%s", s > f; close(f)
	}
	for (i = 1; i <= n; i++) {
		y = 2019 + i % 6; mo = i % 12 + 1; dd = i % 28 + 1
		# Two or three distinct tags.
		a = i % ntag
		tags = "[" yq(TG[a + 1]) ", " yq(TG[(a + 1 + i % 5) % ntag + 1])
		if (i % 2) tags = tags ", " yq(TG[(a + 7 + i % 3) % ntag + 1])
		tags = tags "]"
		fm = "---\n" \
			"title: " yq(title[i]) "\n" \
			"date: " sprintf("%04d-%02d-%02d", y, mo, dd) "\n" \
			"lastmod: " sprintf("%04d-%02d-%02d", y + 1, mo, dd) "\n" \
			"author: " yq(AU[i % nau + 1]) "\n" \
			"lang: ar\n" \
			"dir: rtl\n" \
			"slug: " name[i] "\n" \
			"summary: " yq(cut(prose[(i * 5) % nprose + 1], 240)) "\n" \
			"description: " yq(cut(prose[(i * 5 + 1) % nprose + 1], 160)) "\n" \
			"tags: " tags "\n" \
			"keywords: [" mid[i] ", " leaf[i] "]\n" \
			"weight: " i "\n" \
			"draft: false\n" \
			"toc: true\n" \
			"---\n\n"
		s = fm body(i, "md")
		f = out "/warraq/src/" dir[i] "/" name[i] ".md"; printf "%s", s > f; close(f)
		f = out "/hugo/content/" dir[i] "/" name[i] ".md"; printf "%s", s > f; close(f)
		pf = sprintf("%05d.md", i)
		f = out "/pandoc/" pf
		printf "# %s {#d%s}\n\n%s", title[i], num[i], body(i, "pd") > f; close(f)
		print pf > lst
		print "warraq/src/" dir[i] "/media/img-" num[i] ".png" > imgs
		print "hugo/static/" dir[i] "/media/img-" num[i] ".png" > imgs
		print "pandoc/media/img-" num[i] ".png" > imgs
	}
	close(imgs); close(lst)
}
