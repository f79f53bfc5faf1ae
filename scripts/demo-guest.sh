#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# demo-guest.sh - the LDD3 chapter 17 walkthrough, printed for a human.
# Runs inside the lab VM (scripts/demo); any failed step ends it non-zero.

KO=${SNULL_KO:-/snull/snull.ko}

say() {
	echo
	echo "## $*"
}

run() {	# echo the command, then run it; stop the demo if it fails
	echo "\$ $*"
	eval "$@" || {
		echo "demo: '$*' failed" >&2
		exit 1
	}
}

say "snull: two virtual Ethernet interfaces, sn0 and sn1, wired to each other."
say "The book's names for the two networks and the four hosts:"
run "cat /etc/networks"
run "grep -E '(local|remote)[01]' /etc/hosts"
cat <<'TXT'

   Packets sent by sn0 to remote0 (192.168.0.2) come out of sn1; snull flips
   the third octet of both addresses on the way, so they arrive as traffic
   from remote1 to local1 (192.168.1.x) -- and the reply makes the same trip
   back.  Pinging remote0 therefore exercises both interfaces.
TXT

say "Load the module: it creates sn0 and sn1"
run "insmod $KO"
run "ip link show sn0"
run "ip link show sn1"
run "ethtool -i sn0"

say "Give each interface its address (names from /etc/hosts)"
run "ifconfig sn0 local0"
run "ifconfig sn1 local1"
run "ifconfig sn0"

say "Ping the far side of each network"
run "ping -c 3 remote0"
run "ping -c 3 remote1"

say "Watch the ICMP crossing sn0 while pinging remote0 again"
echo "\$ tcpdump -n -c 4 -i sn0 icmp &    # then: ping -c 2 remote0"
timeout 30 tcpdump -n -l -c 4 -i sn0 icmp >/tmp/tcpdump.out 2>/tmp/tcpdump.err &
tcpdump_pid=$!
i=0
while ! grep -q listening /tmp/tcpdump.err 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
ping -c 2 remote0 >/dev/null || { echo "demo: ping remote0 failed" >&2; exit 1; }
wait $tcpdump_pid
tcpdump_rc=$?
cat /tmp/tcpdump.out
grep -v '^listening on' /tmp/tcpdump.err | sed 's/^/  /'
[ $tcpdump_rc -eq 0 ] || { echo "demo: tcpdump did not see 4 ICMP packets on sn0" >&2; exit 1; }

say "The driver's counters: ethtool statistics and the kernel's link statistics"
run "ethtool -S sn0"
run "ip -s link show sn0"

say "Unload the module: sn0 and sn1 disappear"
run "ip link set sn0 down"
run "ip link set sn1 down"
run "rmmod snull"
run "! ip link show sn0 2>/dev/null"
echo
echo "demo: done"
