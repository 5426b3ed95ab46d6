EXIT=2
MESSAGE="unknown option '--frobnicate'"
ARGS='--frobnicate'
