#!/bin/sh
# qemusnapshot-crash-off.sh: qemusnapshot-crash.sh with the domain shut off, a
# test of its own so that make -j runs the two halves side by side.
exec "$(dirname "$0")/qemusnapshot-crash.sh" off
