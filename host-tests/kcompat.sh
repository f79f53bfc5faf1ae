#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The compatibility layer's probes (src/kcompat-gen): each kind of
# probe on small made-up headers (a comment or a call is not a
# declaration; a return type on the line above, a multi-line parameter
# list, a nested struct are read right); the answers on the real headers
# of every kernel of the matrix that is prepared, against what is known of
# them (Debian's backports included); SNULL_KCOMPAT_FORCE, and its refusal
# of an unknown name; and that the probes and the code agree: every
# HAVE_*/NEED_* the driver tests is a probe (a typo would silently pick a
# shim), and every probe is tested somewhere.
# timeout: 120
. "$SNULL_ROOT/host-tests/lib.inc"

gen=$SNULL_ROOT/src/kcompat-gen
answers() { "$gen" "$@" | sed -n 's|^#define \([A-Z0-9_]*\) 1$|\1|p' | paste -sd' '; }
has() { [[ " $1 " == *" $2 "* ]]; }

# --- the probe kinds on made-up headers ------------------------------------
t=$HOST_TMP/fake
mkdir -p "$t/include/linux" "$t/include/net/page_pool" "$t/include/config"
echo 9.9.9-fake >"$t/include/config/kernel.release"
cat >"$t/include/linux/hrtimer.h" <<'EOF'
/* hrtimer_setup(timer, fn) is the new way: only a comment here */
static inline void foo(void) { hrtimer_setup(t, f, 0, 0); }
EOF
cat >"$t/include/linux/random.h" <<'EOF'
static inline u32
get_random_u32_below(u32 ceil);
EOF
cat >"$t/include/linux/netdevice.h" <<'EOF'
void netif_napi_add(struct net_device *dev, struct napi_struct *napi,
		    int (*poll)(struct napi_struct *, int),
		    int weight);
EOF
cat >"$t/include/linux/ethtool.h" <<'EOF'
struct ethtool_ops {
	struct {
		int x;
	} inner;
	void	(*get_ringparam)(struct net_device *,
				 struct ethtool_ringparam *);
};
struct other { struct kernel_ethtool_coalesce *c; };
EOF
cat >"$t/include/net/rtnetlink.h" <<'EOF'
// rtnl_configure_link(dev, ifm, portid, nlh) one day
int rtnl_configure_link(struct net_device *dev, const struct ifinfomsg *ifm);
EOF
: >"$t/include/net/page_pool/helpers.h"
got=$(answers "$t")
info "made-up headers: $got"
has "$got" HAVE_HRTIMER_SETUP && fail "a call and a comment counted as a declaration of hrtimer_setup"
has "$got" HAVE_GET_RANDOM_U32_BELOW || fail "get_random_u32_below with its type on the line above was missed"
has "$got" NEED_NETIF_NAPI_ADD_WEIGHT || fail "the weight on the last line of netif_napi_add's parameters was missed"
has "$got" HAVE_ETHTOOL_KERNEL_RINGPARAM && fail "get_ringparam has no kernel_ethtool_ringparam here"
has "$got" HAVE_ETHTOOL_KERNEL_COALESCE && fail "a member of another struct counted for ethtool_ops"
has "$got" HAVE_RTNL_CONFIGURE_LINK_PORTID && fail "a // comment counted as rtnl_configure_link's portid"
has "$got" HAVE_PAGE_POOL_HELPERS_H || fail "net/page_pool/helpers.h exists"
has "$got" HAVE_NAPI_BUILD_SKB && fail "a header that does not exist answered yes"
[[ $("$gen" "$t") == *'for Linux 9.9.9-fake:'* ]] || fail "the header does not name the kernel it was made for"

# --- forcing --------------------------------------------------------------
got=$(SNULL_KCOMPAT_FORCE="HAVE_GET_RANDOM_U32_BELOW=0 HAVE_NAPI_BUILD_SKB=1" answers "$t")
has "$got" HAVE_GET_RANDOM_U32_BELOW && fail "HAVE_GET_RANDOM_U32_BELOW=0 was not forced"
has "$got" HAVE_NAPI_BUILD_SKB || fail "HAVE_NAPI_BUILD_SKB=1 was not forced"
[[ $(SNULL_KCOMPAT_FORCE="HAVE_GET_RANDOM_U32_BELOW=0" "$gen" "$t") == *'SNULL_KCOMPAT_FORCE: HAVE_GET_RANDOM_U32_BELOW=0'* ]] ||
	fail "a forced header does not say so"
for bad in HAVE_NO_SUCH_THING=0 HAVE_NAPI_BUILD_SKB=2 HAVE_NAPI_BUILD_SKB; do
	if err=$(SNULL_KCOMPAT_FORCE=$bad "$gen" "$t" 2>&1 >/dev/null); then
		fail "SNULL_KCOMPAT_FORCE=$bad was accepted"
	fi
	[[ $err == *"not NAME=0|1 of a known probe"* ]] || fail "SNULL_KCOMPAT_FORCE=$bad: unclear error '$err'"
done

# --- the real kernels -------------------------------------------------------
# What Debian's kernels are known to have (a backport counts: 5.10 has
# rtnl_nla_parse_ifinfomsg, 6.1 get_random_u32_below).
expect_bullseye="HAVE_RTNL_NLA_PARSE_IFINFOMSG NEED_NETIF_NAPI_ADD_WEIGHT"
lack_bullseye="HAVE_ETHTOOL_RXFH_PARAM HAVE_ETHTOOL_RXFH_FIELDS HAVE_ETHTOOL_RX_RING_COUNT HAVE_XDP_PREPARE_BUFF HAVE_XDP_RXQ_INFO_REG_NAPI_ID HAVE_XDP_FEATURES HAVE_BPF_WARN_INVALID_XDP_ACTION_DEV HAVE_NL_SET_ERR_MSG_FMT HAVE_NETDEV_STAT_OPS HAVE_NETIF_QUEUE_SET_NAPI HAVE_NET_DIM_SAMPLE_PTR HAVE_ETHTOOL_ETH_MAC_STATS HAVE_NETDEV_QUEUES_H HAVE_NETIF_TXQ_TRY_STOP HAVE_NETIF_TXQ_COMPLETED_WAKE HAVE_HRTIMER_SETUP HAVE_NAPI_BUILD_SKB HAVE_SKB_MARK_FOR_RECYCLE HAVE_NLA_STRSCPY HAVE_ETHTOOL_KERNEL_RINGPARAM HAVE_ETHTOOL_KERNEL_COALESCE HAVE_RTNL_CONFIGURE_LINK_PORTID HAVE_GET_RANDOM_U32_BELOW HAVE_IRQ_DOMAIN_CREATE_SIM_FULL HAVE_PAGE_POOL_PARAMS_NETDEV"
expect_bookworm="HAVE_XDP_PREPARE_BUFF HAVE_XDP_RXQ_INFO_REG_NAPI_ID HAVE_BPF_WARN_INVALID_XDP_ACTION_DEV HAVE_ETHTOOL_ETH_MAC_STATS HAVE_NETDEV_QUEUES_H HAVE_NETIF_TXQ_TRY_STOP HAVE_GET_RANDOM_U32_BELOW HAVE_SKB_MARK_FOR_RECYCLE HAVE_RTNL_CONFIGURE_LINK_PORTID"
lack_bookworm="HAVE_ETHTOOL_RXFH_PARAM HAVE_ETHTOOL_RXFH_FIELDS HAVE_ETHTOOL_RX_RING_COUNT HAVE_XDP_FEATURES HAVE_NL_SET_ERR_MSG_FMT HAVE_NETDEV_STAT_OPS HAVE_NETIF_QUEUE_SET_NAPI HAVE_NET_DIM_SAMPLE_PTR HAVE_IRQ_DOMAIN_CREATE_SIM_FULL HAVE_NETIF_TXQ_COMPLETED_WAKE HAVE_HRTIMER_SETUP HAVE_PAGE_POOL_HELPERS_H HAVE_PAGE_POOL_PARAMS_NAPI NEED_NETIF_NAPI_ADD_WEIGHT HAVE_PAGE_POOL_PARAMS_NETDEV"
expect_trixie="HAVE_ETHTOOL_RXFH_PARAM HAVE_ETHTOOL_RXFH_FIELDS HAVE_XDP_PREPARE_BUFF HAVE_XDP_RXQ_INFO_REG_NAPI_ID HAVE_XDP_FEATURES HAVE_BPF_WARN_INVALID_XDP_ACTION_DEV HAVE_NL_SET_ERR_MSG_FMT HAVE_NETDEV_STAT_OPS HAVE_NETIF_QUEUE_SET_NAPI HAVE_IRQ_DOMAIN_CREATE_SIM_FULL HAVE_ETHTOOL_ETH_MAC_STATS HAVE_NETIF_TXQ_TRY_STOP HAVE_NETIF_TXQ_COMPLETED_WAKE HAVE_PAGE_POOL_HELPERS_H HAVE_PAGE_POOL_PARAMS_NAPI HAVE_PAGE_POOL_PARAMS_NETDEV"
lack_trixie="HAVE_ETHTOOL_RX_RING_COUNT HAVE_NET_DIM_SAMPLE_PTR HAVE_HRTIMER_SETUP HAVE_RTNL_NEWLINK_PEER_NET"
expect_sid="HAVE_ETHTOOL_RXFH_PARAM HAVE_ETHTOOL_RXFH_FIELDS HAVE_ETHTOOL_RX_RING_COUNT HAVE_XDP_PREPARE_BUFF HAVE_XDP_RXQ_INFO_REG_NAPI_ID HAVE_XDP_FEATURES HAVE_BPF_WARN_INVALID_XDP_ACTION_DEV HAVE_NL_SET_ERR_MSG_FMT HAVE_NETDEV_STAT_OPS HAVE_NETIF_QUEUE_SET_NAPI HAVE_NET_DIM_SAMPLE_PTR HAVE_IRQ_DOMAIN_CREATE_SIM_FULL HAVE_ETHTOOL_ETH_MAC_STATS HAVE_NETIF_TXQ_TRY_STOP HAVE_NETIF_TXQ_COMPLETED_WAKE HAVE_HRTIMER_SETUP HAVE_RTNL_NEWLINK_PEER_NET HAVE_PAGE_POOL_HELPERS_H HAVE_PAGE_POOL_PARAMS_NETDEV"
lack_sid="NEED_NETIF_NAPI_ADD_WEIGHT NEED_SKB_MARK_FOR_RECYCLE_PAGE"
expect_experimental=$expect_sid lack_experimental=$lack_sid
expect_sid_rt=$expect_sid lack_sid_rt=$lack_sid

checked=0
rel=$(distro_release)
kernels=("bookworm:/usr/src/linux-headers-${rel%-amd64}-common:/lib/modules/$rel/build")
for k in bullseye trixie sid sid-rt experimental; do
	d=$("$SNULL_ROOT/scripts/kernels" dir "$k")
	[[ -e $d/.complete ]] || { info "$k: not prepared, not probed"; continue; }
	r=$(<"$d/buildroot") kd=$(<"$d/kdir")
	# Debian splits the headers: -common has include/, the flavour's
	# dir the generated ones (the Makefile there names the -common dir)
	src=$(sed -n 's|^include[[:space:]]*\(/[^ ]*\)/Makefile|\1|p' "$r$kd/Makefile" | head -n1)
	[[ -n $src ]] || src=$kd
	kernels+=("$k:$r$src:$r$kd")
done
for e in "${kernels[@]}"; do
	IFS=: read -r k src obj <<<"$e"
	[[ -d $src/include ]] || { info "$k: no source headers at $src"; continue; }
	got=$(answers "$src" "$obj")
	info "$k: $got"
	v=${k//-/_}
	e_var=expect_$v l_var=lack_$v
	for p in ${!e_var}; do
		has "$got" "$p" || fail "$k: expected $p"
	done
	for p in ${!l_var}; do
		has "$got" "$p" && fail "$k: did not expect $p"
	done
	checked=$((checked + 1))
done
((checked >= 1)) || fail "no kernel's headers were probed"
info "$checked kernel(s) probed"

# --- probes and code agree --------------------------------------------------
probes=$("$gen" --list | awk '{ print $1 }' | sort -u)
used=$(grep -ohE '\b(HAVE|NEED)_[A-Z0-9_]+' "$SNULL_ROOT"/src/*.c "$SNULL_ROOT"/src/hw/*.[ch] "$SNULL_ROOT"/include/*.h | sort -u)
unknown=$(comm -13 <(echo "$probes") <(echo "$used"))
[[ -z $unknown ]] || fail "tested but never probed (a typo?): $(echo $unknown)"
unused=$(comm -23 <(echo "$probes") <(echo "$used"))
[[ -z $unused ]] || fail "probed but never tested by the code: $(echo $unused)"
grep -n 'snull_kcompat\.h' "$SNULL_ROOT"/src/*.[ch] "$SNULL_ROOT"/src/hw/*.[ch] "$SNULL_ROOT"/include/*.h | grep -v '^[^:]*/snull_compat\.h:' &&
	fail "only include/snull_compat.h may read snull_kcompat.h"
exit 0
