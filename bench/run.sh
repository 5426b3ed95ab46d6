#!/bin/sh
# Benchmark: warraq against its peers on the same input in the same run.
#   sh bench/run.sh
# warraq writes the website AND the EPUB in one run; its peers are Hugo
# (the website) and Pandoc (the EPUB), timed separately and also summed.
# Installs what is missing (Debian 12, apt-get), builds warraq in Release
# into $BENCH_BUILD (not build/), generates the inputs into a temporary
# folder, times each tool with hyperfine and measures its peak memory with
# GNU time, then prints a summary table. Results go to bench/results/
# (or $BENCH_RESULTS).
# See bench/README.md.
#
# Environment (all optional):
#   BENCH_BUILD=/tmp/bench-build  warraq's Release build folder
#   BENCH_SIZES="3 300 3000"      corpus sizes, in articles (3 = the seeds)
#   BENCH_RUNS="10 5 3"           hyperfine runs per size (after 1 warm-up)
#   BENCH_MASSIF=0                1: also run warraq under valgrind massif
#   BENCH_MASSIF_SIZES="3 300"    sizes for massif (it is ~20x slower)
#   BENCH_DOCS=3000               documents in the docs corpus (gen-docs.sh);
#                                 empty: no docs corpus
#   BENCH_DOCS_RUNS=3             hyperfine runs for the docs corpus
#   BENCH_WARRAQ_ONLY=""          sizes (articles) built by warraq alone, once,
#                                 for time and peak memory (e.g. 100000:
#                                 Pandoc would take hours)
#   BENCH_KEEP=0                  1: keep the temporary folder
#   BENCH_RESULTS=bench/results   where the summary and tables are written
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(dirname -- "$here")
build=${BENCH_BUILD:-/tmp/bench-build}
sizes=${BENCH_SIZES:-"3 300 3000"}
runs=${BENCH_RUNS:-"10 5 3"}
massif=${BENCH_MASSIF:-0}
massif_sizes=${BENCH_MASSIF_SIZES:-"3 300"}
docs=${BENCH_DOCS-3000}
docs_runs=${BENCH_DOCS_RUNS:-3}
case $docs in
*[!0-9]*) echo "error: BENCH_DOCS must be a number of documents (or empty)" >&2; exit 2 ;;
esac
results=${BENCH_RESULTS:-$here/results}
warraq_only=${BENCH_WARRAQ_ONLY:-}

# ---------------------------------------------------------------- tools
# shellcheck source=scripts/deps.sh
. "$root/scripts/deps.sh"
bench_deps="hugo pandoc hyperfine time cmark-gfm unzip gzip"
[ "$massif" = 1 ] && bench_deps="$bench_deps valgrind"
# shellcheck disable=SC2086 # one package per word
wq_apt_install $WQ_BUILD_DEPS $bench_deps

# Release build of the warraq binary only (the unit tests are not needed).
# Release (-O3) builds can raise -Wmaybe-uninitialized warnings that the
# project's -Werror turns into errors; when the plain build fails, build
# again with that one warning left a warning, and say so.
wq_build() {
	cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
		-DCMAKE_C_FLAGS="$1" >"$build.log" 2>&1 &&
		cmake --build "$build" -j2 --target warraq >>"$build.log" 2>&1
}
mkdir -p "$(dirname -- "$build")"
build_note=
if ! wq_build ""; then
	build_note="-Wno-error=maybe-uninitialized"
	echo "note: the Release build failed with -Werror; building with" \
		"$build_note (see $build.log)" >&2
	grep -m 3 'error:' "$build.log" >&2 || true
	wq_build "$build_note" || {
		cat "$build.log" >&2
		exit 1
	}
fi
warraq=$build/warraq

# ---------------------------------------------------------------- inputs
tmp=$(mktemp -d "${TMPDIR:-/tmp}/warraq-bench.XXXXXX")
if [ "${BENCH_KEEP:-0}" = 1 ]; then
	echo "keeping $tmp"
else
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 130' INT TERM
fi

site_title="تحالف الاحتجاز الدولي"
base_url="https://example.org/warraq/"

# The seeds, each split into title and body as warraq reads them.
nseeds=0
for f in "$root"/seeds/*.txt; do
	nseeds=$((nseeds + 1))
	awk -v mode=title -f "$here/gen.awk" "$f" >"$tmp/seed$nseeds.title"
	awk -v mode=body -f "$here/gen.awk" "$f" >"$tmp/seed$nseeds.body"
	basename -- "$f" .txt >"$tmp/seed$nseeds.name"
done
[ "$nseeds" -gt 0 ] || { echo "error: no seeds/*.txt" >&2; exit 1; }

# gen_corpus N: $tmp/cN/md/*.md (YAML front matter with the title, then the
# body: read by warraq AND by Hugo, the very same files) and
# $tmp/cN/pandoc/*.md (the same title as a level-1 heading, then the same
# body: Pandoc makes one chapter per level-1 heading). With N = number of
# seeds, the seeds as they are; above, the seeds in turn, each copy with
# its own slug and title.
gen_corpus() {
	n=$1
	d=$tmp/c$n
	mkdir -p "$d/md" "$d/pandoc"
	i=1
	while [ "$i" -le "$n" ]; do
		s=$(((i - 1) % nseeds + 1))
		title=$(cat "$tmp/seed$s.title")
		if [ "$n" -eq "$nseeds" ]; then
			slug=$(cat "$tmp/seed$s.name")
		else
			slug=$(printf 'art-%05d' "$i")
			title="$title ($i)"
		fi
		# YAML double-quoted scalar: escape \ and ".
		qtitle=$(printf '%s' "$title" | sed 's/[\\"]/\\&/g')
		{
			printf -- '---\ntitle: "%s"\n---\n\n' "$qtitle"
			cat "$tmp/seed$s.body"
		} >"$d/md/$slug.md"
		{
			printf '# %s\n\n' "$title"
			cat "$tmp/seed$s.body"
		} >"$d/pandoc/$(printf '%05d' "$i").md"
		i=$((i + 1))
	done
}

# warraq: the repository's configuration, default theme.
mkdir -p "$tmp/wq"
cat >"$tmp/wq/warraq.yml" <<EOF
title: $site_title
description: أخبار وتقارير عن الهجرة وبدائل الاحتجاز
lang: ar
base_url: $base_url
author: $site_title
copyright: © $site_title
theme: default
numbering: latn
EOF

# Pandoc: book metadata (the same title, language and direction).
cat >"$tmp/pandoc-meta.yaml" <<EOF
title: $site_title
author: $site_title
lang: ar
dir: rtl
EOF

# Hugo: a minimal site with its own minimal layouts (baseof, list, single,
# 404), close to warraq's pages: home page listing every article (title,
# reading time, summary), article pages with table of contents and
# previous/next links, 404, RSS feed, sitemap and robots.txt (Hugo's
# built-in templates). No taxonomies (warraq has no tag pages).
hugo_site() {
	n=$1
	h=$tmp/hugo$n
	mkdir -p "$h/layouts/_default"
	cat >"$h/config.toml" <<EOF
baseURL = "$base_url"
title = "$site_title"
languageCode = "ar"
defaultContentLanguage = "ar"
contentDir = "$tmp/c$n/md"
disableKinds = ["taxonomy", "term"]
enableRobotsTXT = true
EOF
	cat >"$h/layouts/_default/baseof.html" <<'EOF'
<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ .Site.Title }}</title>
<meta name="description" content="{{ if .IsPage }}{{ .Summary | plainify }}{{ else }}{{ .Site.Title }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ with .Site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>© {{ .Site.Title }}</footer>
</body>
</html>
EOF
	cat >"$h/layouts/_default/list.html" <<'EOF'
{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul class="articles">
{{ range .Site.RegularPages }}<li><article>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ .ReadingTime }} min · {{ .WordCount }} words</p>
<p>{{ .Summary }}</p>
</article></li>
{{ end }}</ul>{{ end }}
EOF
	cat >"$h/layouts/_default/single.html" <<'EOF'
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p>{{ .ReadingTime }} min · {{ .WordCount }} words</p>
{{ with .TableOfContents }}<nav class="toc">{{ . }}</nav>{{ end }}
{{ .Content }}
</article>
<nav class="pager">{{ with .Prev }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .Next }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}
EOF
	cat >"$h/layouts/404.html" <<'EOF'
{{ define "main" }}<h1>404</h1><p><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></p>{{ end }}
EOF
}

# ---------------------------------------------------------------- runs
mkdir -p "$results"
results=$(CDPATH='' cd -- "$results" && pwd)
summary=$tmp/summary.tsv
: >"$summary"
out=$tmp/out

# peak_rss CMD...: run CMD once under GNU time; print its max RSS in KiB.
peak_rss() {
	/usr/bin/time -v -o "$tmp/time.txt" "$@" >/dev/null 2>&1 || {
		echo "error: failed: $*" >&2
		exit 1
	}
	awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time.txt"
}

# bench_tools KEY LABEL COLUMN RUNS SRC WQ_OUT HUGO_OUT BOOK: with $wq_cmd,
# $hugo_cmd and $pandoc_cmd set (they write WQ_OUT, HUGO_OUT and BOOK) and
# the current folder Pandoc's, run each tool once, checked (warraq without
# --quiet: its warnings are counted by kind), then times them with
# hyperfine (results/hyperfine-KEY.md), measures their peak memory, and
# appends their rows to the summary, COLUMN in the "articles" column.
# LABEL names the corpus in messages; SRC is its Markdown folder (its size
# is shown).
bench_tools() {
	key=$1 label=$2 column=$3 r=$4 src=$5 wq_out=$6 hugo_out=$7 book=$8
	mb=$(du -sk "$src" | awk '{ printf "%.1f", $1 / 1024 }')

	# Each tool once, checked, before timing: a failure stops here.
	mkdir -p "$out"
	# shellcheck disable=SC2086 # the commands are word lists
	{ ${wq_cmd% --quiet} && $hugo_cmd && $pandoc_cmd; } >"$tmp/first.log" 2>&1 || {
		cat "$tmp/first.log" >&2
		exit 1
	}
	wq_pages=$(find "$wq_out" -name index.html | wc -l)
	hugo_pages=$(find "$hugo_out" -name index.html | wc -l)
	echo "   $label, $mb MB of Markdown; pages: warraq $wq_pages," \
		"hugo $hugo_pages; EPUB: warraq" \
		"$(du -k "$wq_out"/*.epub | awk '{ print $1 }') KB, pandoc" \
		"$(du -k "$book" | awk '{ print $1 }') KB"
	# warraq's warnings by kind: the message without its place and names.
	grep '^warning: ' "$tmp/first.log" |
		sed -e 's/^warning: [^ ]*: //' -e "s/'[^']*'/'…'/g" |
		sort | uniq -c | sort -rn |
		awk '{ n = $1; sub(/^ *[0-9]+ /, ""); printf "   warraq warnings: %d × %s\n", n, $0 }'

	echo "== $label: hyperfine ($r runs each)"
	# Every run starts from an empty output (no tool reuses a previous one).
	hyperfine -N --warmup 1 --runs "$r" --style basic \
		--prepare "rm -rf $wq_out $(dirname "$wq_out")/.$(basename "$wq_out").cache* $hugo_out $book" \
		--export-markdown "$results/hyperfine-$key.md" \
		--export-csv "$tmp/h$key.csv" \
		-n "warraq (site+EPUB)" "$wq_cmd" \
		-n "hugo (site)" "$hugo_cmd" \
		-n "pandoc (EPUB)" "$pandoc_cmd"

	echo "== $label: peak memory (GNU time -v)"
	rm -rf "$wq_out" "$hugo_out" "$book"
	# shellcheck disable=SC2086
	rss_wq=$(peak_rss $wq_cmd)
	# shellcheck disable=SC2086
	rss_hugo=$(peak_rss $hugo_cmd)
	# shellcheck disable=SC2086
	rss_pandoc=$(peak_rss $pandoc_cmd)

	# The floor: what any tool making both outputs must do at least, on
	# one core: parse the sources with the cmark-gfm command line (with
	# GitHub's extensions) and deflate the book's bytes once (gzip -6,
	# warraq's level), from warraq's book unpacked beforehand.
	rm -rf "$wq_out"
	# shellcheck disable=SC2086
	$wq_cmd >/dev/null 2>&1
	mkdir -p "$tmp/floor-$key"
	unzip -q -o "$wq_out"/*.epub -d "$tmp/floor-$key/book"
	{
		echo "find '$src' -name '*.md' -exec cat {} + |"
		echo "	cmark-gfm -e table -e strikethrough -e autolink -e tasklist -e footnotes >/dev/null"
		echo "find '$tmp/floor-$key/book' -type f -exec cat {} + | gzip -6 >/dev/null"
	} >"$tmp/floor-$key.sh"
	echo "== $label: the floor (cmark-gfm on the sources + deflating the book once)"
	hyperfine -N --warmup 1 --runs "$r" --style basic \
		--export-csv "$tmp/f$key.csv" -n "floor" "sh $tmp/floor-$key.sh"
	rm -rf "$tmp/floor-$key"

	# CSV: command,mean,stddev,median,user,system,min,max (seconds).
	awk -F, -v n="$column" 'NR == 2 { OFS = "\t"; print "floor (cmark-gfm + deflate, 1 core)", n, $2, $3, $5 + $6, 0 }' \
		"$tmp/f$key.csv" >>"$summary"
	awk -F, -v n="$column" -v a="$rss_wq" -v b="$rss_hugo" -v c="$rss_pandoc" '
		NR > 1 { m[NR - 1] = $2; s[NR - 1] = $3; cpu[NR - 1] = $5 + $6 }
		END {
			OFS = "\t"
			print "warraq (site+EPUB)", n, m[1], s[1], cpu[1], a
			print "hugo (site)", n, m[2], s[2], cpu[2], b
			print "pandoc (EPUB)", n, m[3], s[3], cpu[3], c
			print "hugo+pandoc (summed)", n, m[2] + m[3], "", cpu[2] + cpu[3], (b > c ? b : c)
		}' "$tmp/h$key.csv" >>"$summary"
}

set -- $runs
for n in $sizes; do
	r=${1:-3}
	[ $# -gt 1 ] && shift
	[ "$n" -lt "$nseeds" ] && n=$nseeds
	cd "$tmp"
	echo "== $n articles: generating"
	gen_corpus "$n"
	hugo_site "$n"
	# Pandoc's files by relative name, in order (one argument to hyperfine
	# holds the whole command: absolute names would pass Linux's 128 KiB
	# limit on one argument); Pandoc runs in that folder.
	files=$(cd "$tmp/c$n/pandoc" && printf '%s\n' *.md | sort | tr '\n' ' ')
	cd "$tmp/c$n/pandoc"

	wq_cmd="$warraq build --source $tmp/c$n/md --config $tmp/wq/warraq.yml --output $out/wq$n --quiet"
	hugo_cmd="hugo --source $tmp/hugo$n --destination $out/hugo$n --cacheDir $tmp/hugo-cache --quiet --noBuildLock"
	pandoc_cmd="pandoc -f gfm --metadata-file=$tmp/pandoc-meta.yaml -o $out/book$n.epub $files"
	bench_tools "$n" "$n articles" "$n" "$r" "$tmp/c$n/md" "$out/wq$n" "$out/hugo$n" "$out/book$n.epub"

	if [ "$massif" = 1 ] && printf ' %s ' "$massif_sizes" | grep -q " $n "; then
		echo "== $n articles: valgrind massif (warraq)"
		mo=$results/massif-warraq-$n.out
		# shellcheck disable=SC2086
		valgrind --tool=massif --massif-out-file="$mo" $wq_cmd >/dev/null 2>&1
		awk -F= -v n="$n" '/^mem_heap_B=/ { h = $2 } /^mem_heap_extra_B=/ { if (h + $2 > p) p = h + $2 }
			END { printf "   massif: warraq peak heap for %s articles: %.1f MiB\n", n, p / 1048576 }' "$mo" |
			tee -a "$tmp/massif.txt"
	fi
	[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$tmp/c$n" "$tmp/hugo$n" "$out"
done

# warraq alone, once per size: time and peak memory where the peers would
# take hours.
for n in $warraq_only; do
	cd "$tmp"
	echo "== $n articles: generating (warraq alone)"
	gen_corpus "$n"
	rm -rf "$tmp/c$n/pandoc"
	mkdir -p "$out"
	/usr/bin/time -v -o "$tmp/time.txt" "$warraq" build --source "$tmp/c$n/md" \
		--config "$tmp/wq/warraq.yml" --output "$out/wq$n" >"$tmp/wq$n.log" 2>&1 || {
		cat "$tmp/wq$n.log" >&2
		exit 1
	}
	mb=$(du -sk "$tmp/c$n/md" | awk '{ printf "%.0f", $1 / 1024 }')
	awk -F': ' -v n="$n" -v mb="$mb" '
		/Elapsed \(wall clock\)/ { w = $2 } /User time/ { u = $2 } /System time/ { s = $2 }
		/Maximum resident set size/ { r = $2 }
		END { printf "warraq (site+EPUB), %s articles (%s MB of Markdown), one run: %s wall, %.1f s CPU, %.1f MiB peak\n", n, mb, w, u + s, r / 1024 }' \
		"$tmp/time.txt" | tee -a "$tmp/alone.txt"
	rm -rf "$tmp/c$n" "$out/wq$n"
done

# The documentation-shaped corpus (gen-docs.sh): nested folders, _index.md,
# cross-links with fragments, an image per document, rich front matter.
# It writes each tool's input and settings; Pandoc reads gfm+attributes
# (its copy carries explicit heading ids, which its links point to).
if [ -n "$docs" ]; then
	d=$tmp/docs
	cd "$tmp"
	echo "== $docs documents (docs corpus): generating"
	sh "$here/gen-docs.sh" "$docs" "$d" >"$tmp/gen-docs.log" 2>&1 || {
		cat "$tmp/gen-docs.log" >&2
		exit 1
	}
	sed 's/^/   /' "$tmp/gen-docs.log"
	files=$(tr '\n' ' ' <"$d/pandoc/files.txt")
	cd "$d/pandoc"

	wq_cmd="$warraq build --source $d/warraq/src --config $d/warraq/warraq.yml --output $out/wqdocs --quiet"
	hugo_cmd="hugo --source $d/hugo --destination $out/hugodocs --cacheDir $tmp/hugo-cache --quiet --noBuildLock"
	pandoc_cmd="pandoc -f gfm+attributes --metadata-file=$d/pandoc/meta.yaml -o $out/bookdocs.epub $files"
	bench_tools "docs-$docs" "$docs documents (docs corpus)" "$docs (docs)" \
		"$docs_runs" "$d/warraq/src" \
		"$out/wqdocs" "$out/hugodocs" "$out/bookdocs.epub"

	# One document edited, then the site built again over its last
	# output: warraq updates it in place from its cache (.wqdocs.cache),
	# Hugo builds it again (with its resource cache). The same line is
	# added to the same file of each tool's sources before each run.
	edited=$(cd "$d/warraq/src" && find . -name '*.md' ! -name '_index.md' | sort | sed -n '300p')
	rm -rf "$out/wqdocs" "$out/hugodocs"
	# shellcheck disable=SC2086
	{ $wq_cmd && $hugo_cmd; } >/dev/null 2>&1
	printf 'printf "\\nسطر أضيف للقياس.\\n" | tee -a "%s" >>"%s"\n' \
		"$d/warraq/src/$edited" "$d/hugo/content/$edited" >"$tmp/edit.sh"
	echo "== $label: one document edited ($edited), built again (hyperfine, $docs_runs runs each)"
	hyperfine -N --warmup 1 --runs "$docs_runs" --style basic \
		--prepare "sh $tmp/edit.sh" \
		--export-markdown "$results/hyperfine-docs-$docs-edit.md" \
		--export-csv "$tmp/hedit.csv" \
		-n "warraq (site+EPUB) after one edit" "$wq_cmd" \
		-n "hugo (site) after one edit" "$hugo_cmd"
	# The names hold no comma: the CSV is split on commas.
	awk -F, -v n="$docs (docs, 1 edited)" 'NR > 1 { OFS = "\t"; print $1, n, $2, $3, $5 + $6, 0 }' \
		"$tmp/hedit.csv" >>"$summary"
	[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$d" "$out"
fi

# ---------------------------------------------------------------- report
fmt_table() {
	echo "| tool | articles | mean time | ± σ | CPU (user+sys) | max RSS |"
	echo "|---|---:|---:|---:|---:|---:|"
	awk -F'\t' '
		function t(x) { return x == "" ? "" : (x < 1 ? sprintf("%.0f ms", x * 1000) : sprintf("%.2f s", x)) }
		{ printf "| %s | %s | %s | %s | %s | %s%s |\n", $1, $2, t($3), t($4), t($5),
			($6 > 0 ? sprintf("%.1f MiB", $6 / 1024) : "–"), ($1 ~ /summed/ ? " (larger)" : "") }' "$summary"
}

cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$root" diff --quiet HEAD 2>/dev/null || rev="$rev (with uncommitted changes)"
{
	echo "# warraq benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "Machine: $(nproc) cores ($cpu), $mem RAM, $(. /etc/os-release && echo "$PRETTY_NAME")."
	echo "warraq $("$warraq" --version 2>/dev/null | awk '{ print $NF }') (commit $rev, Release${build_note:+, $build_note}),"
	echo "$(hugo version | awk '{ print $1, $2 }'), $(pandoc --version | head -n 1), $(hyperfine --version)."
	echo "Runs per size: $runs (after 1 warm-up); sizes: $sizes articles."
	[ -z "$docs" ] || echo "Docs corpus (gen-docs.sh): $docs documents, $docs_runs runs (after 1 warm-up)."
	echo
	fmt_table
	if [ -f "$tmp/alone.txt" ]; then
		echo
		cat "$tmp/alone.txt"
	fi
	if [ -f "$tmp/massif.txt" ]; then
		echo
		sed 's/^ *//' "$tmp/massif.txt"
	fi
} >"$results/summary.md"

echo
cat "$results/summary.md"
echo
echo "hyperfine tables: $results/hyperfine-*.md"
