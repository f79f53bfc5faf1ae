#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The kernel's drivers/net/hw/pp_alloc_fail.py against snull: iperf3 from
# the remote end (sn1, namespace "ksft-remote") into sn0 while the fault
# injector (fail_function) makes page_pool_alloc_pages() fail.  The
# failures must show in sn0's qstats as rx-alloc-fail, and traffic must
# keep flowing through them and through an RX ring resize (ethtool -G)
# made under them.  Afterwards the qstats total equals ethtool -S's
# rx_alloc_failed, and the pair still answers pings.  Needs fail_function
# (CONFIG_FAIL_FUNCTION: the debug kernels; Debian's kernels have none)
# and qstats over netlink (6.10).
#
# The script's numbers are a NIC's: traffic "ramps up" at 1000 frames/s
# (lib/py/load.py) and "flows" at 15000/s, one allocation in 511 fails,
# and 100 must fail in 3 s.  Where iperf3 moves fewer than 30000 frames/s
# into sn0 (measured first, with the script's 16 streams; the debug
# kernel under emulation manages a few hundred), they follow that rate R:
# traffic flows at R/20 (not stalled: iperf3's 16 streams are still
# ramping when the script first looks, and a busy host slows the
# emulated guest further) and ramps up at a 15th of that, as in the
# script (both at least 10/s), 100 R/30000
# allocations must fail in 3 s but at least 10, and one in R/(2 x that)
# fails, so that about six times as many do.  The lab's ethtool (6.1) has
# no --json for -g, so the ring sizes the script reads come from its
# text.  Everything else runs as written.
# timeout: 300
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/kselftest/ksft.inc"

command -v python3 >/dev/null || skip "no python3 in this boot"
command -v iperf3 >/dev/null || skip "no iperf3 in this boot"
grep -q " /sys/kernel/debug " /proc/mounts || mount -t debugfs none /sys/kernel/debug
[ -d /sys/kernel/debug/fail_function ] ||
	skip "no fail_function in this kernel (CONFIG_FAIL_FUNCTION; the debug kernels have it)"
ynl "nf.qstats_get({}, dump=True)" >/dev/null 2>err ||
	skip "this kernel's netdev family has no qstats-get ($(tail -n 1 err))"

load_snull flip=0
ksft_remote

# The rate here: iperf3 as the script runs it, 16 streams from the remote
# end into sn0, counted over its last 2 of 4 s.
iperf3 -s -1 -p 5299 >/dev/null 2>&1 &
srv=$!
wait_for "ss -ltn | grep -q ':5299 '" 10
in_netns ksft-remote iperf3 -c 192.0.2.1 -p 5299 -P 16 -t 4 >/dev/null 2>&1 &
cli=$!
sleep 2
r1=$(cat /sys/class/net/sn0/statistics/rx_packets)
sleep 2
r2=$(cat /sys/class/net/sn0/statistics/rx_packets)
wait $cli $srv
rate=$(((r2 - r1) / 2))
assert_ge "$rate" 10 "frames/s iperf3 moves into sn0"
if [ "$rate" -ge 30000 ]; then
	ramp=1000 flow=15000 bar=100 interval=511
	info "iperf3 moves $rate frames/s into sn0: the script runs as written"
else
	flow=$((rate / 20)) bar=$((100 * rate / 30000))
	[ "$flow" -ge 10 ] || flow=10
	ramp=$((flow / 15))
	[ "$ramp" -ge 10 ] || ramp=10
	[ "$bar" -ge 10 ] || bar=10
	interval=$((rate / (2 * bar)))
	[ "$interval" -ge 2 ] || interval=2
	info "iperf3 moves $rate frames/s into sn0: ramp-up at $ramp/s, flowing at $flow/s, one allocation in $interval fails, $bar must fail in 3 s"
fi
before=$(ethtool_stat sn0 rx_alloc_failed)

cd "$KSFT_HW" || fail "cd $KSFT_HW"
# shellcheck disable=SC2086
env $KSFT_EP PPF="$ramp $flow $interval $bar" python3 - >"$SNULL_TMP/out" 2>&1 <<'EOF'
import os
import sys

sys.argv = ["./pp_alloc_fail.py"]	# names the case pp_alloc_fail.*
sys.path.insert(0, ".")
import lib.py  # noqa: E402

ramp, flow, interval, bar = os.environ["PPF"].split()
src = open("./pp_alloc_fail.py").read()
if flow != "15000":
    print(f"# snull: ramp-up at {ramp}/s, flowing at {flow}/s, one allocation in {interval} fails, {bar} must")
    for a, b in (("< 15000", f"< {flow}"),
                 ('"interval": 511', f'"interval": {interval}'),
                 ("< 100:", f"< {bar}:")):
        assert src.count(a) == 1, a
        src = src.replace(a, b)
    wait = lib.py.GenerateTraffic._wait_pkts

    def wait_scaled(self, pkt_cnt=None, pps=None):
        return wait(self, pkt_cnt, int(ramp) if pps else None)

    lib.py.GenerateTraffic._wait_pkts = wait_scaled

# bookworm's ethtool (6.1) has no --json for -g: read its text instead.
tool = lib.py.tool


def tool_ring_text(name, args, json=None, **kwargs):
    if name != "ethtool" or not json or not args.startswith("-g "):
        return tool(name, args, json=json, **kwargs)
    out = lib.py.cmd("ethtool " + args).stdout
    maxima, current = out.split("Current hardware settings:")
    ring = {}
    for part, suffix in ((maxima, "-max"), (current, "")):
        for line in part.splitlines():
            k, _, v = line.partition(":")
            if k.strip() in ("RX", "TX") and v.strip().isdigit():
                ring[k.strip().lower() + suffix] = int(v)
    print(f"# snull: ethtool -g {args[3:]} as text: {ring}")
    return [ring]


lib.py.tool = tool_ring_text
exec(compile(src, "./pp_alloc_fail.py", "exec"),
     {"__name__": "__main__", "__file__": os.path.abspath("./pp_alloc_fail.py")})
EOF
rc=$?
cd "$SNULL_TMP" || fail "cd back"
ksft_report pp_alloc_fail.py $rc
grep -q "^ok [0-9]* pp_alloc_fail.test_pp_alloc$" out ||
	fail "pp_alloc_fail.test_pp_alloc did not pass (skipped?)"
grep -q "ethtool -G change retval: success" out || fail "the RX ring resize under failures did not happen"
[ "$(cat /sys/kernel/debug/fail_function/inject)" = "" ] ||
	fail "the script left page_pool_alloc_pages in fail_function: $(cat /sys/kernel/debug/fail_function/inject)"

# One counter, two interfaces: qstats' rx-alloc-fail sums the per-queue
# rx_alloc_failed that ethtool -S shows.
after=$(ethtool_stat sn0 rx_alloc_failed)
qs=$(ynl "print(nf.qstats_get({'ifindex': $(cat /sys/class/net/sn0/ifindex)}, dump=True)[0]['rx-alloc-fail'])")
info "sn0: rx_alloc_failed $before -> $after (ethtool -S), rx-alloc-fail $qs (qstats)"
assert_ge "$((after - before))" "$bar" "allocations failed during the run (ethtool -S)"
assert_eq "$qs" "$after" "qstats rx-alloc-fail vs ethtool -S rx_alloc_failed"
ping -c 3 -i 0.2 -W 2 192.0.2.2 >/dev/null || fail "sn0 no longer reaches 192.0.2.2 after the failures"
