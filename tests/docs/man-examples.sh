#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# snull(4), EXAMPLES: every command of its example blocks (the "# " lines
# between .EX and .EE, with the roff escapes undone), in order, under
# set -e, as a reader would type them, from a directory with the source
# tree's examples/ (the XDP example loads examples/xdp).
# timeout: 60
# kernels: distro
. "$SNULL_TESTDIR/lib.sh"

man=/snull/snull.4
[ -e "$man" ] || fail "no $man in the VM"
# run from what looks like the source tree after make xdp (examples/xdp)
ln -sfn /snull/examples examples
awk '
	/^\.SH / { inex = ($0 ~ /^\.SH EXAMPLES/); next }
	inex && /^\.EX/ { code = 1; next }
	inex && /^\.EE/ { code = 0; next }
	inex && code && /^# / {
		l = substr($0, 3)
		gsub(/\\-/, "-", l); gsub(/\\\[aq\]/, "\047", l); gsub(/\\\(aq/, "\047", l)
		gsub(/\\\[ha\]/, "^", l); gsub(/\\f[BIPR]/, "", l); gsub(/\\e/, "\\", l)
		print l
	}' "$man" >examples.sh
[ "$(wc -l <examples.sh)" -ge 10 ] || { cat examples.sh; fail "found too few example commands in snull.4"; }
if grep -n '\\' examples.sh; then
	fail "a roff escape is left in the extracted examples"
fi
{ echo 'set -ex'; cat examples.sh; } >run.sh
sh run.sh || fail "an example of snull(4) failed (the last + line above)"
