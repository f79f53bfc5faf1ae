#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Namespace deletion while one end carries traffic: a pair split across
# two namespaces, one end flood-pinging the other, and the namespace of
# the pinged end is deleted while it receives and answers.  Both ends go
# away (veth semantics), the flooding namespace is left intact, no splat,
# no leak.  Repeated with the pair from `ip link add ... netns` and from
# insmod, in copy and zero-copy delivery, deleting either end's namespace.
# timeout: 150
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/torture/lib.inc"

n=$(scaled 6)
info "parameters: $n rounds"
load_snull

# round I: a pair ndA/ndB in namespaces nda/ndb, flood from one side,
# delete the namespace of the other.
i=0
while [ $i -lt "$n" ]; do
	ip netns add nda && ip netns add ndb || fail "netns add"
	if [ $((i % 3)) = 2 ]; then
		# the insmod pair, moved into the namespaces
		a=sn0 b=sn1
		ethtool --set-priv-flags sn0 flip off && ethtool --set-priv-flags sn1 flip off ||
			fail "flip off"
		ip link set sn0 arp on && ip link set sn1 arp on || fail "arp on"
		ip link set sn0 netns nda && ip link set sn1 netns ndb || fail "move sn0/sn1"
	else
		a=nd${i}a b=nd${i}b
		ip link add $a netns nda type snull peer name $b netns ndb ||
			fail "round $i: ip link add"
	fi
	if [ $((i % 2)) = 1 ]; then
		in_netns nda ethtool --set-priv-flags $a zerocopy on
		in_netns ndb ethtool --set-priv-flags $b zerocopy on
	fi
	in_netns nda ip addr add 10.7.0.1/24 dev $a
	in_netns ndb ip addr add 10.7.0.2/24 dev $b
	in_netns nda ip link set $a up
	in_netns ndb ip link set $b up
	wait_for "in_netns nda ping -c 1 -W 1 10.7.0.2" 10
	# Flood from the surviving namespace into the doomed one, whose end
	# keeps receiving and answering (kernel replies: no process of ours
	# lives in it to keep it alive).
	if [ $((i % 4)) = 3 ]; then
		victim=nda survivor=ndb gone=$b dst=10.7.0.1 vdev=$a
	else
		victim=ndb survivor=nda gone=$a dst=10.7.0.2 vdev=$b
	fi
	f=$(flood $dst $survivor)
	# under way: the doomed end has received some (how soon depends on
	# how busy the host running the VM is)
	wait_for "[ \$(st $vdev rx_packets $victim) -ge 10 ]" 10
	ip netns del $victim
	# the namespace dies asynchronously (cleanup_net); both ends with it
	wait_for "! in_netns $survivor ip link show $gone" 10
	stop_bg "$f"
	if [ "$a" = sn0 ]; then
		[ -e /sys/class/net/sn0 ] && fail "round $i: sn0 came back"
	fi
	ip -all netns delete
	info "round $i: $a/$b gone with namespace $victim"
	if [ "$a" = sn0 ]; then
		unload_snull
		load_snull
	fi
	i=$((i + 1))
done
