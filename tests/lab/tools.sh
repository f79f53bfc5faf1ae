#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The lab's tools are the real ones, not busybox applets, and the guest
# plumbing the tests rely on is there.
# timeout: 60
# kernels: distro
. "$SNULL_TESTDIR/lib.sh"

for t in ip ethtool tcpdump ping ifconfig route netstat insmod rmmod modprobe \
	modinfo lsmod iperf3 timeout sh; do
	p=$(command -v $t) || fail "$t not found"
	real=$(readlink -f "$p")
	case $real in
	*busybox*) fail "$t is busybox ($p -> $real)" ;;
	esac
	info "$t: $real"
done
assert_eq "$(readlink -f /bin/sh)" /usr/bin/dash "/bin/sh"
[ -x /sbin/modprobe ] || fail "/sbin/modprobe missing (kernel module autoload)"

ip -V | grep -q iproute2 || fail "ip -V"
ethtool --version | grep -q '^ethtool version' || fail "ethtool --version"
tcpdump --version 2>&1 | grep -q '^tcpdump version' || fail "tcpdump --version"
ping -V | grep -q iputils || fail "ping -V"
ip -j link show dev lo | grep -q '"ifname":"lo"' || fail "ip -j (JSON) does not work"

ping -c 1 -W 2 127.0.0.1 >/dev/null || fail "ping 127.0.0.1"
assert_eq "$(getent hosts remote0 | awk '{print $1}')" 192.168.0.2 "remote0 in /etc/hosts"
assert_eq "$(getent networks snullnet1 | awk '{print $2}')" 192.168.1.0 "snullnet1 in /etc/networks"
id tcpdump >/dev/null 2>&1 || fail "no tcpdump user in /etc/passwd"

ip netns add lab-selftest || fail "ip netns add"
in_netns lab-selftest ip link show lo >/dev/null || fail "ip netns exec"
ip netns del lab-selftest

for d in /sys/kernel/debug /sys/kernel/tracing /run /tmp /dev/pts; do
	grep -q " $d " /proc/mounts || fail "$d is not mounted"
done
assert_eq "$(scaled 10)" "$(awk -v s="$SNULL_SCALE" 'BEGIN { v = int(10 * s + 0.5); print v < 1 ? 1 : v }')" "scaled 10"
info "tier $SNULL_TIER, scale $SNULL_SCALE, kernel $(uname -r)"
