#!/bin/sh
# qemulifecycle-tcg.sh: qemulifecycletest again with the qemu driver told
# to run KVM guests on TCG (VIRTPLUG_QEMU_FORCE_TCG=1), so that the suite
# covers TCG whether or not /dev/kvm works here.  Prints TAP.

builddir=${VIRTPLUG_TEST_BUILDDIR:-$(cd "$(dirname "$0")" && pwd)}
VIRTPLUG_QEMU_FORCE_TCG=1 exec "$builddir/qemulifecycletest" "$@"
