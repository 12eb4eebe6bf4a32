#!/bin/sh
# qemusnapshot-delete-run.sh: qemusnapshot-delete.sh with the domain running, a
# test of its own so that make -j runs the two halves side by side.
exec "$(dirname "$0")/qemusnapshot-delete.sh" run
