#!/bin/sh
# qemusave-image.sh: the definition kept in a save image, on real QEMU:
# save-image-dumpxml / save-image-define on a save file and
# managedsave-dumpxml / managedsave-define on a managed save image.  A
# definition that changes the guest's identity is refused with
# libvirt's words and leaves the image as it was; an accepted one is
# what the restore then runs with.  Prints TAP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

. "$(dirname "$0")/qemusnapshot-lib.sh"

fixture_f0
v start vm1 --paused >/dev/null || { echo "Bail out! cannot start vm1"; exit 1; }
uuid=$(v domuuid vm1 | head -1)
v save vm1 "$IMG/vm1.save" >/dev/null
check "save: domain shut off" "shut off" "$(domstate)"

xml=$(v save-image-dumpxml "$IMG/vm1.save")
check "save-image-dumpxml: name" "vm1" "$(echo "$xml" | xmllint --xpath 'string(/domain/name)' -)"
check "save-image-dumpxml: uuid" "$uuid" "$(echo "$xml" | xmllint --xpath 'string(/domain/uuid)' -)"
sum=$(md5sum < "$IMG/vm1.save")

echo "$xml" | sed 's|<uuid>.*</uuid>|<uuid>11111111-2222-3333-4444-555555555555</uuid>|' > "$D/uuid.xml"
check_err "save-image-define: other uuid refused" \
    "error: unsupported configuration: Target domain uuid 11111111-2222-3333-4444-555555555555 does not match source $uuid" \
    save-image-define "$IMG/vm1.save" "$D/uuid.xml"
echo "$xml" | sed 's|<name>vm1</name>|<name>vm2</name>|' > "$D/name.xml"
check_err "save-image-define: other name refused" \
    "error: unsupported configuration: Target domain name 'vm2' does not match source 'vm1'" \
    save-image-define "$IMG/vm1.save" "$D/name.xml"
check_err_names "save-image-define: not a save image" "$D/name.xml" \
    save-image-define "$D/name.xml" "$D/name.xml"
check "refusals leave the image as it was" "$sum" "$(md5sum < "$IMG/vm1.save")"

# a longer definition moves the stream: the image must still restore
long=$(head -c 6000 /dev/zero | tr '\0' x)
echo "$xml" | sed "s|<name>vm1</name>|<name>vm1</name><description>$long</description>|" > "$D/desc.xml"
out=$(v save-image-define "$IMG/vm1.save" "$D/desc.xml" --running 2>&1)
check "save-image-define: accepted" "0 State file $IMG/vm1.save updated." "$? $(echo "$out" | grep -v '^$')"
check "save-image-dumpxml: the new definition" "$long" \
    "$(v save-image-dumpxml "$IMG/vm1.save" | xmllint --xpath 'string(/domain/description)' -)"
check "image mode kept private" 600 "$(stat -c %a "$IMG/vm1.save")"
check "no temporary file left" "vm1.save" "$(ls "$IMG" | grep vm1.save | paste -sd' ' -)"
v restore "$IMG/vm1.save" >/dev/null
check "restore runs (--running given to define)" "running" "$(domstate)"
check "restored with the new definition" "$long" \
    "$(v dumpxml vm1 | xmllint --xpath 'string(/domain/description)' -)"

# managed save
check_err "managedsave-dumpxml without an image" \
    "error: Requested operation is not valid: domain does not have managed save image" \
    managedsave-dumpxml vm1
v managedsave vm1 >/dev/null
mxml=$(v managedsave-dumpxml vm1)
check "managedsave-dumpxml: uuid" "$uuid" "$(echo "$mxml" | xmllint --xpath 'string(/domain/uuid)' -)"
echo "$mxml" | sed 's|<uuid>.*</uuid>|<uuid>11111111-2222-3333-4444-555555555555</uuid>|' > "$D/muuid.xml"
check_err "managedsave-define: other uuid refused" \
    "error: unsupported configuration: Target domain uuid 11111111-2222-3333-4444-555555555555 does not match source $uuid" \
    managedsave-define vm1 "$D/muuid.xml"
echo "$mxml" | sed "s|<description>.*</description>|<description>managed</description>|" > "$D/mdesc.xml"
out=$(v managedsave-define vm1 "$D/mdesc.xml" --paused 2>&1)
check "managedsave-define: accepted" "0" "$?"
check "managedsave-dumpxml: the new definition" "managed" \
    "$(v managedsave-dumpxml vm1 | xmllint --xpath 'string(/domain/description)' -)"
v start vm1 >/dev/null
check "start resumes paused (--paused given to define)" "paused" "$(domstate)"
check "started with the new definition" "managed" \
    "$(v dumpxml vm1 | xmllint --xpath 'string(/domain/description)' -)"
vq destroy vm1

finish
