#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The kernel's drivers/net/stats.py and queues.py against snull (NETIF=sn0,
# after a ping across the pair so the counters are not zero), on kernels
# whose netdev netlink family has per-queue statistics (qstats, 6.10;
# skipped before).  stats.py: the sum of sn0's queue and base statistics
# equals its ip -s link totals in every dump, per-ifindex dumps agree
# with full ones, bad ifindexes are refused, and the counters survive a
# down; pause and FEC statistics are expected failures (the cable has
# neither); not run where the selftests' rtnetlink spec (from the debug
# kernel's 6.12 tree) cannot decode the running kernel's links (7.x).
# queues.py: "netdev queue-get" lists as many RX queues as sysfs;
# removing one is skipped (one queue).  Our own check, on every kernel
# with qstats: the qstats of sn0 equal its sysfs counters, its queues
# name a NAPI instance, and dev-get shows its XDP features.  Then the
# same with three queue pairs (ethtool -L): queues.py's addremove_queues
# (-L 2 and back to 3) must pass, stats.py's sums hold over three
# queues, and every queue names a NAPI instance of its own.  Last, the
# page pools: page-pool-get lists one per RX queue under sn0, and where
# the kernel keeps page pool statistics, they show pages allocated and
# recycled.
# timeout: 300
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/kselftest/ksft.inc"

command -v python3 >/dev/null || skip "no python3 in this boot"

# selftest SCRIPT LABEL CASE...: run drivers/net/SCRIPT with NETIF=sn0;
# it must exit 0, fail nothing, and pass every CASE (not skip it).
selftest() {
	_py=$1 _label=$2
	shift 2
	cd "$SNULL_KSFT/drivers/net" || fail "cd $SNULL_KSFT/drivers/net"
	NETIF=sn0 python3 "./$_py" >"$SNULL_TMP/out" 2>&1
	_rc=$?
	cd "$SNULL_TMP" || fail "cd back"
	ksft_report "$_label" $_rc
	for _c in "$@"; do
		grep -q "^ok [0-9]* ${_py%.py}.$_c\$" out || fail "$_label: $_c did not pass (skipped?)"
	done
}

ynl "nf.qstats_get({}, dump=True)" >/dev/null 2>err ||
	skip "this kernel's netdev family has no qstats-get ($(tail -n 1 err))"

load_snull flip=0
ip netns add ksft-peer || fail "ip netns add"
ip link set sn1 netns ksft-peer || fail "move sn1"
ip addr add 192.0.2.1/24 dev sn0 && ip link set sn0 up || fail "address sn0"
in_netns ksft-peer ip addr add 192.0.2.2/24 dev sn1 &&
	in_netns ksft-peer ip link set sn1 up || fail "address sn1 in ksft-peer"
wait_for "ping -c 1 -W 1 192.0.2.2 >/dev/null" 10
ping -c 5 -i 0.2 -W 2 192.0.2.2 >/dev/null || fail "ping across the pair"

# stats.py compares with rtnetlink's link statistics, which the
# selftests' library decodes with its own tree's spec (the debug
# kernel's, 6.12): a newer kernel's link attributes are unknown to it.
idx=$(cat /sys/class/net/sn0/ifindex)
if ! ynl "RtnlFamily().getlink({'ifi-index': $idx})" >/dev/null 2>err; then
	info "stats.py not run: the selftests' rtnetlink spec cannot decode this kernel's links ($(tail -n 1 err))"
else
	selftest stats.py stats.py pkt_byte_sum qstat_by_ifindex check_down
fi
selftest queues.py queues.py get_queues

# qstats and sysfs agree, read between two equal sysfs readings (an IPv6
# router solicitation or MLD report may leave meanwhile: CI saw one),
# and the queues are NAPI's
sysfs() { echo "$(stat_of sn0 rx_packets) $(stat_of sn0 rx_bytes) $(stat_of sn0 tx_packets) $(stat_of sn0 tx_bytes)"; }
tries=0
while :; do
	s0=$(sysfs)
	q=$(ynl "
s = nf.qstats_get({'ifindex': $idx}, dump=True)[0]
print(s['rx-packets'], s['rx-bytes'], s['tx-packets'], s['tx-bytes'])")
	[ "$(sysfs)" = "$s0" ] && break
	tries=$((tries + 1))
	[ $tries -lt 10 ] || fail "sn0's counters never held still for a qstats read"
done
assert_eq "$q" "$s0" "sn0 qstats vs sysfs (rx/tx packets, bytes)"
assert_ge "$(echo "$q" | cut -d' ' -f1)" 5 "sn0 rx-packets in qstats"
napis=$(ynl "
for q in nf.queue_get({'ifindex': $idx}, dump=True):
    print(q['type'], q['id'], 'napi' if q.get('napi-id') else 'none')")
info "sn0 queues: $(echo "$napis" | tr '\n' ' ')"
assert_eq "$(echo "$napis" | tr '\n' ' ')" "rx 0 napi tx 0 napi " "sn0 queues and their NAPI"

# the XDP features snull advertises (src/compat: xdp_set_features_flag)
feat=$(ynl "
d = nf.dev_get({'ifindex': $idx})
print(' '.join(sorted(d['xdp-features'])))")
assert_eq "$feat" "basic ndo-xmit redirect" "sn0 xdp-features in netdev dev-get"

# Three queue pairs: the per-queue statistics must still add up, and
# queues.py can now take one away and give it back.
ethtool -L sn0 combined 3 || fail "ethtool -L sn0 combined 3"
in_netns ksft-peer ethtool -L sn1 combined 3 || fail "ethtool -L sn1 combined 3"
wait_for "ping -c 1 -W 1 192.0.2.2 >/dev/null" 10
ping -c 20 -i 0.05 -W 2 192.0.2.2 >/dev/null || fail "ping across the pair with 3 queues"
selftest queues.py "queues.py (3 queues)" get_queues addremove_queues
if ynl "RtnlFamily().getlink({'ifi-index': $idx})" >/dev/null 2>&1; then
	selftest stats.py "stats.py (3 queues)" pkt_byte_sum qstat_by_ifindex
fi
napis=$(ynl "
ids = set()
for q in nf.queue_get({'ifindex': $idx}, dump=True):
    print(q['type'], q['id'], 'napi' if q.get('napi-id') else 'none')
    ids.add((q['type'], q.get('napi-id')))
print('napi-ids', len({i for t, i in ids if t == 'rx'}))")
info "sn0 queues: $(echo "$napis" | tr '\n' ' ')"
assert_eq "$(echo "$napis" | tr '\n' ' ')" \
	"rx 0 napi rx 1 napi rx 2 napi tx 0 napi tx 1 napi tx 2 napi napi-ids 3 " \
	"sn0's 3 queue pairs and their NAPI instances"

# The page pools, listed under the device since they name it
# (page_pool_params.netdev, 6.8): one per RX queue in use, each with its
# NAPI.  Their statistics where the kernel keeps them
# (CONFIG_PAGE_POOL_STATS: the debug kernel, sid's): pages taken and recycled
# by 1000-byte frames, which the copybreak leaves in their pages.
ping -c 20 -i 0.05 -s 1000 -W 2 192.0.2.2 >/dev/null || fail "ping -s 1000 with 3 queues"
# page-pool-get is older (6.8) than qstats-get (6.10), which this test
# needs: it must answer.  page-pool-stats-get answers EOPNOTSUPP where the
# kernel keeps no statistics, and nothing else.
pools=$(ynl "
ps = [p for p in nf.page_pool_get({}, dump=True)
      if p.get('ifindex') == $idx and 'detach-time' not in p]
print(len(ps), len([p for p in ps if p.get('napi-id')]))" 2>err) ||
	fail "page-pool-get: $(tail -n 1 err)"
assert_eq "$pools" "3 3" "sn0's page pools in page-pool-get (all, with a NAPI id)"
pps=$(ynl "
import errno
from lib.py import NlError
try:
    st = [s for s in nf.page_pool_stats_get({}, dump=True)
          if s.get('info', {}).get('ifindex') == $idx]
except NlError as e:
    if e.nl_msg.error != -errno.EOPNOTSUPP:
        raise
    print('none')
    sys.exit(0)
a = sum(s.get('alloc-fast', 0) + s.get('alloc-slow', 0) for s in st)
r = sum(s.get('recycle-cached', 0) + s.get('recycle-ring', 0) for s in st)
print(len(st), a, r)" 2>err) || fail "page-pool-stats-get: $(tail -n 1 err)"
case $pps in
none) info "no page pool statistics in this kernel (EOPNOTSUPP: CONFIG_PAGE_POOL_STATS is off)" ;;
*)
	set -- $pps
	info "sn0's page pools: $1 with statistics, $2 pages allocated, $3 recycled"
	assert_ge "$1" 3 "sn0's page pools in page-pool-stats-get (a retired queue's lingers while its pages are out)"
	assert_ge "$2" 1 "pages allocated by sn0's pools"
	assert_ge "$3" 20 "pages recycled into sn0's pools after 20 echo replies of 1028 bytes"
	;;
esac
