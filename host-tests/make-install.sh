#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make install / uninstall in a staging root: INSTALL_MOD_PATH puts the
# module where modprobe (-d) finds it, with a complete modinfo; DESTDIR is
# a prefix to everything, INSTALL_MOD_PATH included; the iproute2 plugin
# goes to ip's library dir and the man page to man4; make uninstall removes
# all three.  Built in a copy of the tree against Debian's headers here,
# then in the build root of every suite kernel make check runs (that
# suite's make, gcc and depmod; its kernel may compress the module).
# timeout: 600
. "$SNULL_ROOT/host-tests/lib.inc"

test_kernel() {	# REL KDIR
	local rel=$1 kdir=$2
	ver=$(sed -n 's/^#define SNULL_DRV_VERSION[[:space:]]*"\(.*\)"/\1/p' "$SNULL_ROOT/include/snull.h")
	plugdir=$(grep -ao '/usr/lib[^[:space:][:cntrl:]]*/ip' "$(PATH=$PATH:/usr/sbin:/sbin command -v ip)" | head -n1)
	[[ -n $plugdir ]] || plugdir=/usr/lib/ip
	src_copy src

	# INSTALL_MOD_PATH alone
	m=$HOST_TMP/mods
	make -C src install KDIR="$kdir" INSTALL_MOD_PATH="$m" DESTDIR="$HOST_TMP/stage0" ||
		fail "make install INSTALL_MOD_PATH=..."
	# DESTDIR prefixes INSTALL_MOD_PATH: the module went under stage0
	ko=$(installed_ko "$HOST_TMP/stage0$m/lib/modules/$rel/extra") ||
		fail "no snull.ko in $HOST_TMP/stage0$m/lib/modules/$rel/extra (DESTDIR + INSTALL_MOD_PATH)"
	[[ -e $HOST_TMP/stage0$m/lib/modules/$rel/modules.dep ]] || fail "make install ran no depmod"
	root=$HOST_TMP/stage0$m
	out=$(modprobe -d "$root" -S "$rel" -n -v snull) || fail "modprobe -d does not find snull"
	echo "$out"
	[[ $out == "insmod $ko"* ]] || fail "modprobe would run '$out'"
	[[ -e $HOST_TMP/stage0$plugdir/link_snull.so ]] || fail "no link_snull.so in $plugdir"
	[[ -e $HOST_TMP/stage0/usr/share/man/man4/snull.4 ]] || fail "no man4/snull.4"
	cmp "$HOST_TMP/stage0/usr/share/man/man4/snull.4" src/snull.4 || fail "installed man page differs"
	nm -D "$HOST_TMP/stage0$plugdir/link_snull.so" | grep -q ' D snull_link_util' ||
		fail "link_snull.so does not export snull_link_util"

	# modinfo, as `modinfo snull` shows it on the installed system
	mi=$(modinfo -b "$root" -k "$rel" snull) || fail "modinfo -b finds no snull"
	echo "$mi"
	grep -qx "version: *$ver" <<<"$mi" || fail "modinfo: version is not $ver"
	grep -q '^license: *GPL$' <<<"$mi" || fail "modinfo: license"
	grep -q '^description: *.\+' <<<"$mi" || fail "modinfo: no description"
	grep -q '^alias: *rtnl-link-snull$' <<<"$mi" || fail "modinfo: no rtnl-link alias"
	params=$(sed -n 's/^module_param\(_named\)\?(\([a-z_]*\),.*/\2/p' src/src/main.c)
	[[ -n $params ]] || fail "found no module_param in src/main.c"
	for p in $params; do
		line=$(grep "^parm: *$p:" <<<"$mi") || fail "modinfo: no parameter $p"
		grep -q 'default ' <<<"$line" || fail "modinfo: $p has no default in its description: $line"
	done

	# uninstall with the same variables: all gone, depmod rerun
	make -C src uninstall KDIR="$kdir" INSTALL_MOD_PATH="$m" DESTDIR="$HOST_TMP/stage0" ||
		fail "make uninstall"
	[[ ! -e $ko ]] || fail "uninstall left $ko"
	[[ ! -e $HOST_TMP/stage0$plugdir/link_snull.so ]] || fail "uninstall left the plugin"
	[[ ! -e $HOST_TMP/stage0/usr/share/man/man4/snull.4 ]] || fail "uninstall left the man page"
	modprobe -d "$root" -S "$rel" -n snull 2>/dev/null && fail "modprobe still finds snull after uninstall"

	# DESTDIR alone: everything under it, the module in its lib/modules
	make -s -C src install KDIR="$kdir" DESTDIR="$HOST_TMP/stage1" >/dev/null || fail "make install DESTDIR=..."
	installed_ko "$HOST_TMP/stage1/lib/modules/$rel/extra" >/dev/null ||
		fail "DESTDIR: no lib/modules/$rel/extra/snull.ko"
	modprobe -d "$HOST_TMP/stage1" -S "$rel" -n snull || fail "DESTDIR: modprobe -d does not find snull"
}

for_each_kernel
exit 0
