# help.sed: applied to the output of sessions named help-*.  virtplug's
# virsh words its command summaries, descriptions and option help itself
# (libvirt's prose is not ours to copy); the shape of the page, the
# synopsis and the option names must still be Debian's.
/^  NAME$/,/^$/ s/^(    [^ ]+) - .*/\1 - SUMMARY/
/^  DESCRIPTION$/,/^$/ { /^    /d }
/^  OPTIONS$/,/^$/ s/^(    [^ ]+( [^ ]+)*)  .*$/\1/
