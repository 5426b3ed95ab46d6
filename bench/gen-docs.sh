#!/bin/sh
# The documentation-shaped corpus for the benchmark (bench/README.md,
# "Inputs"), for warraq, Hugo and Pandoc:
#   sh bench/gen-docs.sh [N] OUTDIR        (N documents, default 3000)
# writes
#   OUTDIR/warraq/src/       N documents in nested folders three and four
#                            deep (guides/inventory/receiving/doc-0123.md),
#                            _index.md in some folders, one image each
#                            (media/img-0123.png beside the document)
#   OUTDIR/warraq/warraq.yml the configuration (as run.sh's for the seeds)
#   OUTDIR/hugo/             a Hugo site: the very same Markdown files in
#                            content/, the images under static/ at the same
#                            paths, config.toml, minimal layouts (as run.sh's)
#                            and render hooks that resolve the .md links
#   OUTDIR/pandoc/           one file per document (files.txt: their order),
#                            media/, meta.yaml; run Pandoc in that folder:
#                            pandoc -f gfm+attributes --metadata-file=meta.yaml \
#                              -o book.epub $(cat files.txt)
# Each document: YAML front matter with the ten keys warraq knows (title,
# date, author, lang, dir, slug, summary, tags, weight, draft) and four a
# documentation set carries besides (lastmod, description, keywords, toc:
# warraq warns about each and goes on); Arabic text from seeds/*.txt
# (paragraphs reused in turn); three or four "##" headings; five links to
# other documents as relative links to their .md files, a third of them to
# a heading (#id, the id warraq and Hugo give that heading); one image; some
# with a table, a code block, a GitHub alert. The headings are fixed Arabic
# phrases of letters and spaces, so their ids are known beforehand (the
# words joined with "-"). For Pandoc the same text, with the title as a
# level-1 heading (one chapter each), explicit ids ({#d0123}, {#d0123-s2})
# and the links rewritten to them. Deterministic: the same N gives the same
# files. Generation is in gen-docs.awk.
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(dirname -- "$here")

usage() {
	echo "usage: sh bench/gen-docs.sh [N] OUTDIR" >&2
	exit 2
}
case $# in
1) n=3000 out=$1 ;;
2) n=${1:-3000} out=$2 ;;
*) usage ;;
esac
case $n in
'' | *[!0-9]*) usage ;;
esac
[ "$n" -ge 1 ] || usage
[ -n "$out" ] || usage
for d in warraq hugo pandoc; do
	if [ -e "$out/$d" ]; then
		echo "error: $out/$d exists; remove it first (or use another OUTDIR)" >&2
		exit 1
	fi
done
mkdir -p "$out"
out=$(CDPATH='' cd -- "$out" && pwd)

site_title="تحالف الاحتجاز الدولي"
base_url="https://example.org/warraq/"

# The documents (Markdown for all three tools) and the list of images.
awk -v n="$n" -v out="$out" -f "$here/gen-docs.awk" "$root"/seeds/*.txt

# The images: one small PNG (1x1, 69 bytes), written to every path listed
# (tee takes many at once).
printf '\211\120\116\107\015\012\032\012\000\000\000\015\111\110\104\122\000\000\000\001\000\000\000\001\010\002\000\000\000\220\167\123\336\000\000\000\014\111\104\101\124\170\332\143\320\312\237\016\000\001\367\001\061\043\303\120\141\000\000\000\000\111\105\116\104\256\102\140\202' >"$out/.pixel.png"
# shellcheck disable=SC2016 # expanded by the inner sh
(cd "$out" && xargs sh -c 'tee -- "$@" <"$0" >/dev/null' "$out/.pixel.png" <images.txt)
rm -f "$out/.pixel.png" "$out/images.txt"

# warraq: the same configuration run.sh gives the seeds.
cat >"$out/warraq/warraq.yml" <<EOF
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
cat >"$out/pandoc/meta.yaml" <<EOF
title: $site_title
author: $site_title
lang: ar
dir: rtl
EOF

# Hugo: run.sh's minimal layouts (baseof, single, 404), with what this
# corpus adds to warraq's pages: section pages listing their articles and
# sub-sections (the home page also lists the top sections), a breadcrumb
# and tag links on article pages, tag pages (warraq writes them too), and
# render hooks for links and images. The hooks do what warraq does with
# the same sources: a relative link to a .md file becomes a link to that
# page (with its #fragment), a relative image is looked up from the
# document's folder (the images are under static/ at the same paths).
h=$out/hugo
mkdir -p "$h/layouts/_default/_markup"
cat >"$h/config.toml" <<EOF
baseURL = "$base_url"
title = "$site_title"
languageCode = "ar"
defaultContentLanguage = "ar"
enableRobotsTXT = true
disableKinds = []
[taxonomies]
tag = "tags"
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
{{ define "main" }}<h1>{{ if .IsHome }}{{ .Site.Title }}{{ else }}{{ .Title }}{{ end }}</h1>
{{ if not .IsHome }}<nav class="crumbs">{{ range .Ancestors.Reverse }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> › {{ end }}</nav>{{ end }}
{{ .Content }}
{{ with .Sections }}<ul class="sections">
{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .RegularPagesRecursive }})</li>
{{ end }}</ul>{{ end }}
<ul class="articles">
{{ range (cond .IsHome .Site.RegularPages .RegularPages) }}<li><article>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ .ReadingTime }} min · {{ .WordCount }} words</p>
<p>{{ .Summary }}</p>
</article></li>
{{ end }}</ul>{{ end }}
EOF
cat >"$h/layouts/_default/terms.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul class="tags">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}</ul>{{ end }}
EOF
cat >"$h/layouts/_default/single.html" <<'EOF'
{{ define "main" }}<nav class="crumbs">{{ range .Ancestors.Reverse }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> › {{ end }}</nav>
<article>
<h1>{{ .Title }}</h1>
<p>{{ .ReadingTime }} min · {{ .WordCount }} words</p>
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ with .TableOfContents }}<nav class="toc">{{ . }}</nav>{{ end }}
{{ .Content }}
</article>
<nav class="pager">{{ with .Prev }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .Next }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}
EOF
cat >"$h/layouts/404.html" <<'EOF'
{{ define "main" }}<h1>404</h1><p><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></p>{{ end }}
EOF
cat >"$h/layouts/_default/_markup/render-link.html" <<'EOF'
{{- $u := urls.Parse .Destination -}}
{{- $href := .Destination -}}
{{- if and (not $u.Scheme) (strings.HasSuffix $u.Path ".md") -}}
  {{- with site.GetPage (path.Join "/" $.Page.File.Dir $u.Path) -}}
    {{- $href = .RelPermalink -}}
    {{- with $u.Fragment }}{{ $href = printf "%s#%s" $href . }}{{ end -}}
  {{- else -}}
    {{- warnf "%s: link to %q: no such page" $.Page.File.Path $.Destination -}}
  {{- end -}}
{{- end -}}
<a href="{{ $href | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>{{- "" -}}
EOF
cat >"$h/layouts/_default/_markup/render-image.html" <<'EOF'
{{- $src := .Destination -}}
{{- if not (urls.Parse $src).Scheme -}}{{- $src = path.Join $.Page.File.Dir $src | relURL -}}{{- end -}}
<img src="{{ $src }}" alt="{{ .Text }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{- "" -}}
EOF

docs=$(find "$out/warraq/src" -name 'doc-*.md' | wc -l)
idx=$(find "$out/warraq/src" -name '_index.md' | wc -l)
folders=$(find "$out/warraq/src" -type d ! -name media | wc -l)
kb=$(du -sk "$out/warraq/src" | awk '{ print $1 }')
echo "gen-docs: $docs documents, $idx _index.md, $((folders - 1)) folders, $kb KB in $out/warraq/src"
