#!/bin/sh
# Run a command with a 16 KB file size limit (RLIMIT_FSIZE, in 512-byte blocks):
# writes past it fail as on a full disk.
ulimit -f 32
exec "$@"
