#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The module as `make install` installs it: scripts/lab puts it into the
# VM's /lib/modules with the Makefile's modules_install target (kbuild's
# modules_install + depmod).  It is the module just built, modprobe
# finds it by name and loads it, modinfo describes it completely, and
# `ip link add ... type snull` loads it through its rtnl-link alias.  On
# every kernel of the matrix: each installs with its own kbuild and depmod.
# timeout: 60
. "$SNULL_TESTDIR/lib.sh"

rel=$(uname -r)
# a kernel built with CONFIG_MODULE_COMPRESS_* (Debian's 7.x: xz) has
# modules_install compress the module, as it compresses its own
ko=
for f in /lib/modules/$rel/extra/snull.ko /lib/modules/$rel/extra/snull.ko.xz \
	/lib/modules/$rel/extra/snull.ko.gz; do
	[ -e "$f" ] && ko=$f && break
done
[ -n "$ko" ] || fail "no /lib/modules/$rel/extra/snull.ko*: make modules_install did not install it"
case $ko in
*.xz) xzcat "$ko" >plain.ko ;;
*.gz) zcat "$ko" >plain.ko ;;
*) cp "$ko" plain.ko ;;
esac
cmp plain.ko "$SNULL_KO" || fail "$ko is not the module just built"
grep -q "^extra/${ko##*/}:" "/lib/modules/$rel/modules.dep" || fail "snull is not in modules.dep"
grep -q 'alias rtnl-link-snull snull' "/lib/modules/$rel/modules.alias" || fail "no rtnl-link-snull in modules.alias"

assert_eq "$(modinfo -F filename snull)" "$ko" "modinfo -F filename snull"
assert_eq "$(modinfo -F version snull)" "2.0.0" "modinfo -F version snull"
assert_eq "$(modinfo -F license snull)" "GPL" "modinfo -F license snull"
[ -n "$(modinfo -F description snull)" ] || fail "modinfo: no description"
n=$(modinfo -F parm snull | grep -c 'default ')
assert_eq "$n" "$(modinfo -F parm snull | wc -l)" "parameters whose description states the default"
assert_ge "$n" 10 "parameters"

modprobe snull || fail "modprobe snull"
[ -d /sys/module/snull ] || fail "modprobe snull loaded nothing"
ip link show sn0 >/dev/null && ip link show sn1 >/dev/null || fail "no sn0/sn1 after modprobe"
modprobe -r snull || fail "modprobe -r snull"
[ ! -d /sys/module/snull ] || fail "modprobe -r left snull loaded"

# parameters through modprobe, and the autoload of `ip link add`
modprobe snull pairs=2 use_napi=0 || fail "modprobe snull pairs=2 use_napi=0"
assert_eq "$(cat /sys/module/snull/parameters/pairs)" 2 "pairs"
assert_eq "$(cat /sys/module/snull/parameters/use_napi)" N "use_napi"
ip link show sn3 >/dev/null || fail "no sn3 with pairs=2"
modprobe -r snull
ip link add sn10 type snull peer name sn11 || fail "ip link add ... type snull did not load the module"
[ -d /sys/module/snull ] || fail "snull not loaded by ip link add"
ip -d link show sn10 | grep -q 'snull' || fail "sn10 is not a snull device"
ip link del sn10
modprobe -r snull || fail "modprobe -r snull after ip link add"
