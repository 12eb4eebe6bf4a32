# normalize.sed: what legitimately differs between two runs of the same
# virsh session, replaced by placeholders before outputs are compared.
# Used with sed -E by regenerate.sh (on the golden files) and by
# virshtest.sh (on virtplug's output and on Debian's live output).
#
# libvirt's own log lines (Debian's library prints warnings to stderr).
/^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+\+[0-9]{4}: [0-9]+: (debug|info|warning|error) : /d
# libxml2's own complaint, printed straight to stderr by Debian's library
# when a URI names a missing file; no part of virsh's or the API's output.
/^I\/O warning : failed to load external entity /d
# The test driver's CPU time grows with the clock.
s/^(CPU time: +)[0-9]+\.[0-9]s$/\1N.Ns/
# Snapshot creation times, as snapshot-list prints them and in the XML.
s/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}/YYYY-MM-DD HH:MM:SS +ZZZZ/g
s/<creationTime>[0-9]+<\/creationTime>/<creationTime>EPOCH<\/creationTime>/g
# A snapshot created without a name is named after the time (10 digits).
s/(^|[^0-9])1[0-9]{9}([^0-9]|$)/\1EPOCH\2/g
# event --timestamp prefixes.
s/^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}\+0000: /TIMESTAMP: /
# -t timings.
s/^\(Time: [0-9]+\.[0-9]+ ms\)$/(Time: N ms)/
