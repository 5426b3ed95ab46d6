# The disk fills up mid-build (a 16 KB file size limit: RLIMIT_FSIZE).
# shellcheck disable=SC2154 # case_dir is the runner's
RUN="sh $case_dir/fsize.sh"
MESSAGE='(cannot write|File too large)'
prepare() { printf '# A\n\nنص عربي طويل بما يكفي.\n' >src/a.md; }
