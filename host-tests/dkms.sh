#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# DKMS, as a user runs it, in scratch trees (nothing on the host changes):
# against Debian's headers installed here, then in the build root of every
# suite kernel make check runs, with that suite's dkms (2.8 on bullseye,
# 3.x on sid) and gcc.  dkms.conf agrees with the driver's
# MODULE_VERSION; `make dkms-src` lays out the source tree; `dkms add`,
# `build` and `install` work; the installed module is where modprobe
# finds it, with the right version and vermagic; `dkms remove` takes it
# away.  dkms signs with a MOK key it generates: here in the temp dir.
# timeout: 900
. "$SNULL_ROOT/host-tests/lib.inc"

need_root "dkms"
command -v dkms >/dev/null || fail "dkms is not installed: run scripts/deps"
test_kernel() {	# REL KDIR
	local rel=$1 kdir=$2
	ver=$(sed -n 's/^#define SNULL_DRV_VERSION[[:space:]]*"\(.*\)"/\1/p' "$SNULL_ROOT/include/snull.h")
	conf=$SNULL_ROOT/dkms.conf

	# dkms.conf is sourced by dkms as bash: read it the same way
	( set +u; . "$conf"
	  [[ $PACKAGE_NAME == snull ]] || { echo "FAIL: PACKAGE_NAME=$PACKAGE_NAME"; exit 1; }
	  [[ $PACKAGE_VERSION == "$ver" ]] || { echo "FAIL: PACKAGE_VERSION $PACKAGE_VERSION, driver $ver"; exit 1; }
	  [[ ${BUILT_MODULE_NAME[0]} == snull ]] || { echo "FAIL: BUILT_MODULE_NAME"; exit 1; }
	  [[ ${DEST_MODULE_LOCATION[0]} == /updates/dkms || ${DEST_MODULE_LOCATION[0]} == /kernel/drivers/net ]] ||
		{ echo "FAIL: DEST_MODULE_LOCATION"; exit 1; }
	  [[ $AUTOINSTALL == yes ]] || { echo "FAIL: AUTOINSTALL"; exit 1; }
	) || fail "dkms.conf does not describe snull $ver"

	src_copy src
	make -s -C src dkms-src DESTDIR="$HOST_TMP/root" || fail "make dkms-src"
	s=$HOST_TMP/root/usr/src/snull-$ver
	for f in dkms.conf Kbuild Makefile src/main.c include/snull.h; do
		[[ -e $s/$f ]] || fail "make dkms-src: no $f in $s"
	done
	[[ -z $(find "$s" -name '*.o' -o -name '*.ko') ]] || fail "make dkms-src copied build products"

	mkdir -p "$HOST_TMP/root/lib/modules/$rel" "$HOST_TMP/dkms"
	# dkms 3.2 looks for the headers in the install tree, as on a real
	# system: give it the link the headers package installs there.
	# (Not --kernelsourcedir: dkms 2.8 then "prepares" that tree, cleaning
	# out the generated headers of the packaged one.)
	ln -s "$kdir" "$HOST_TMP/root/lib/modules/$rel/build"
	export mok_signing_key=$HOST_TMP/mok.key mok_certificate=$HOST_TMP/mok.pub
	d=(dkms --dkmstree "$HOST_TMP/dkms" --sourcetree "$HOST_TMP/root/usr/src"
		--installtree "$HOST_TMP/root/lib/modules")
	"${d[@]}" add -m snull -v "$ver" || fail "dkms add"
	"${d[@]}" build -m snull -v "$ver" -k "$rel" || {
		cat "$HOST_TMP/dkms/snull/$ver/build/make.log" 2>/dev/null
		fail "dkms build against $rel"
}
	ko=$(installed_ko "$HOST_TMP/dkms/snull/$ver/$rel/x86_64/module") ||
		fail "dkms build produced no snull.ko in $HOST_TMP/dkms/snull/$ver/$rel/x86_64/module"
	assert_eq "$(modinfo -F version "$ko")" "$ver" "version of the built module"
	assert_eq "$(modinfo -F vermagic "$ko" | cut -d' ' -f1)" "$rel" "vermagic"
	"${d[@]}" status -m snull -v "$ver"

	"${d[@]}" install --no-depmod -m snull -v "$ver" -k "$rel" || fail "dkms install"
	depmod -b "$HOST_TMP/root" "$rel" 2>/dev/null || fail "depmod"
	out=$(modprobe -d "$HOST_TMP/root" -S "$rel" -n -v snull) || fail "modprobe does not find snull"
	echo "$out"
	[[ $out == *"/lib/modules/$rel/updates/dkms/snull.ko"* ]] || fail "modprobe would load '$out'"
	"${d[@]}" status -m snull -v "$ver" | grep -q installed || fail "dkms status: not installed"

	"${d[@]}" remove --no-depmod -m snull -v "$ver" --all || fail "dkms remove"
	if installed_ko "$HOST_TMP/root/lib/modules/$rel/updates/dkms" >/dev/null; then
		fail "dkms remove left the module"
	fi
}

for_each_kernel
exit 0
