#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The kernel's drivers/net/hw/csum.py against snull, with TX checksum
# offload on: sn0 here, its peer sn1 in the namespace "ksft-remote" as the
# remote end (REMOTE_TYPE=netns), IPv4 and IPv6.  The remote end sends
# crafted TCP and UDP packets, good and with bad checksums, that sn0's
# receive checksum must verify or leave to the stack; sn0 sends UDP
# whose checksum the device fills in, including the datagram whose sum
# folds to zero, which must leave as 0xffff (RFC 768: 0 means "none").
# timeout: 300
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/kselftest/ksft.inc"

command -v python3 >/dev/null || skip "no python3 in this boot"
# Each TX case gives sender and receiver one second (csum -L 1): the
# receiver on the remote end gives up, and closes its port, before the
# debug kernel under emulation has started the sender (seen: "rx: missing
# packets at pf_packet: 0 < 100", the sender refused by the closed port).
[ "$SNULL_TIER" = debug ] &&
	skip "csum.py's TX cases allow one second, too short for the debug kernel under emulation"
load_snull flip=0
ethtool -K sn0 tx-checksum-ip-generic on rx on || fail "checksum offloads on for sn0"
ethtool -k sn0 | grep -q "tx-checksum-ip-generic: on" || fail "TX checksum offload is not on"
ksft_remote

# csum.py as it is, but for one thing: 6.12.y's csum.py names the remote
# interface as cfg.remote_ifname, which the same tree's env.py never sets
# (a stable backport without its library half; later trees resolve it
# from REMOTE_V4/V6).  Where it is missing, it is set to sn1.
cd "$KSFT_HW" || fail "cd $KSFT_HW"
# shellcheck disable=SC2086
env $KSFT_EP python3 - >"$SNULL_TMP/out" 2>&1 <<'EOF'
import runpy
import sys

sys.argv = ["./csum.py"]	# names the cases csum.*
sys.path.insert(0, ".")
import lib.py  # noqa: E402

init = lib.py.NetDrvEpEnv.__init__


def init_with_remote_ifname(self, *args, **kwargs):
    init(self, *args, **kwargs)
    if not hasattr(self, "remote_ifname"):
        print("# snull: env.py sets no remote_ifname; using sn1")
        self.remote_ifname = "sn1"


lib.py.NetDrvEpEnv.__init__ = init_with_remote_ifname
runpy.run_path("./csum.py", run_name="__main__")
EOF
rc=$?
cd "$SNULL_TMP" || fail "cd back"
ksft_report csum.py $rc
# rx_tcp, rx_tcp_invalid, rx_udp, rx_udp_invalid, tx_udp_csum_offload,
# tx_udp_zero_checksum; over IPv4 and IPv6
assert_eq "$KSFT_OK $KSFT_SKIP" "12 0" "passed and skipped cases"
grep -q "^ok [0-9]* csum.ipv4_tx_udp_zero_checksum" out || fail "no IPv4 zero-checksum case"
grep -q "^ok [0-9]* csum.ipv6_tx_udp_zero_checksum" out || fail "no IPv6 zero-checksum case"
