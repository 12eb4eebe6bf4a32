#!/bin/sh
# qemusnapshot-delete-off.sh: qemusnapshot-delete.sh with the domain shut off, a
# test of its own so that make -j runs the two halves side by side.
exec "$(dirname "$0")/qemusnapshot-delete.sh" off
