# bench/gen.awk: split one front-matter-less Markdown text (seeds/*.txt)
# into its title and body, the way warraq derives a title (README.md,
# "Front matter"): the opening ATX or setext heading, else the first
# non-empty line; that line is not repeated in the body.
#   awk -v mode=title -f gen.awk FILE    prints the title
#   awk -v mode=body  -f gen.awk FILE    prints the body
{ sub(/\r$/, ""); line[NR] = $0 }
END {
	i = 1
	if (NR >= 1) sub(/^\357\273\277/, "", line[1])   # byte-order mark
	while (i <= NR && line[i] ~ /^[ \t]*$/) i++
	t = line[i]; skip = 1
	# (no interval expressions: mawk, Debian's awk, lacks them)
	if (t ~ /^(   |  | )?#+([ \t]|$)/ && t !~ /^ *#######/) {
		sub(/^ *#+[ \t]*/, "", t)
		sub(/[ \t]+#+[ \t]*$/, "", t)
	} else if (i < NR && line[i + 1] ~ /^(   |  | )?(=+|-+)[ \t]*$/) {
		skip = 2
	}
	sub(/^[ \t]+/, "", t); sub(/[ \t]+$/, "", t)
	if (mode == "title") { print t; exit }
	j = i + skip
	while (j <= NR && line[j] ~ /^[ \t]*$/) j++
	for (; j <= NR; j++) print line[j]
}
