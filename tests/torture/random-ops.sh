#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A seeded random sequence of operations on up to four `ip link add` pairs
# and two namespaces: create and delete pairs, move ends between
# namespaces, delete a namespace with ends in it, down/up, MTU, rings,
# coalescing, multicast groups, private flags, debugfs fault knobs, and
# traffic (packet-socket bursts and pings).  Bounded in operations and
# time.  At the end every surviving pair still passes traffic and every
# frame it ever carried is accounted for.
# The seed is printed; replay a run exactly with
#   scripts/lab [--kernel debug] --append SNULL_SEED=<seed> suite tests/torture/random-ops.sh
# timeout: 150
# allow-dmesg: NETDEV WATCHDOG|transmit queue 0 timed out|dev_watchdog
. "$SNULL_TESTDIR/lib.sh"
. "$SNULL_TESTDIR/torture/lib.inc"

command -v snull-pkt >/dev/null || skip "no snull-pkt helper (scripts/lab builds tests/tools/*.c)"
seed=$(seed_from SNULL_SEED)
nops=$(scaled 100)
secs=$(scaled 20)
info "parameters: seed $seed, $nops operations, at most ${secs}s"
info "replay: scripts/lab --kernel $SNULL_TIER --append SNULL_SEED=$seed suite tests/torture/random-ops.sh"

load_snull
ip netns add rna && ip netns add rnb || fail "netns add"
NSES=" rna rnb"		# "" is the initial namespace

getv() { eval "echo \"\${$1}\""; }
setv() { eval "$1=\"\$2\""; }
pick() {	# N WORDS...: the N-th word (mod count), "" counts as a word via "-"
	_n=$1
	shift
	shift $((_n % $#))
	[ "$1" = - ] && echo "" || echo "$1"
}
nsof() { getv "ns_$1"; }		# END -> its namespace ("" = initial)
peer_of() { case $1 in *a) echo "${1%a}b" ;; *) echo "${1%b}a" ;; esac; }
x() {	# END CMD...: run CMD... in END's namespace
	_e=$1
	shift
	_in "$(nsof "$_e")" "$@"
}
addr_of() { case $1 in rk?a) echo "10.66.${1#rk}" | sed 's/a$/.1/' ;; *) echo "10.66.${1#rk}" | sed 's/b$/.2/' ;; esac; }
bringup() {	# END: address and up (addresses go with a namespace move)
	x "$1" ip addr add "$(addr_of "$1")/24" dev "$1" 2>/dev/null
	x "$1" ip link set "$1" up || fail "op $op_i: up $1"
}
ok() {
	echo "$op_i: ($op_desc) $*" >>ops.log
	"$@" || fail "op $op_i ($op_desc): $* failed (seed $seed)"
}
visible() {	# NAME: a device by that name exists in some namespace
	ip link show "$1" >/dev/null 2>&1 ||
		ip -n rna link show "$1" >/dev/null 2>&1 ||
		ip -n rnb link show "$1" >/dev/null 2>&1
}
# dbgdir END: its debugfs directory (a dying namesake may still hold the
# plain name: then the driver appended the ifindex).
dbgdir() {
	_d=/sys/kernel/debug/snull/$1-$(x "$1" cat "/sys/class/net/$1/ifindex")
	[ -d "$_d" ] || _d=/sys/kernel/debug/snull/$1
	echo "$_d"
}

# on failure, the last operations (the seed replays them all)
trap '[ $? = 0 ] || { echo "# the last operations (seed $seed):"; tail -n 120 ops.log | sed "s/^/#   /"; }' EXIT
: >ops.log
ops=0
op_i=0
t_end=$(deadline "$secs")
awk -v seed="$seed" -v n="$nops" 'BEGIN {
	srand(seed)
	for (i = 0; i < n; i++)
		printf "%d %d %d %d\n", int(rand() * 16), int(rand() * 4), int(rand() * 1000003), int(rand() * 1000003)
}' >ops.list
while read -r op k r1 r2; do
	op_i=$((op_i + 1))
	before "$t_end" || break
	a=rk${k}a
	b=rk${k}b
	e=$(pick "$r1" $a $b)
	if [ "$(getv "ex_$k")" != 1 ] && [ "$op" != 15 ]; then
		op=0	# no pair in this slot yet: create it
	fi
	case $op in
	0)	# create (or delete and re-create)
		if [ "$(getv "ex_$k")" = 1 ]; then
			op_desc="delete pair $k"
			ok x $a ip link del $a
		fi
		na=$(pick "$r1" - rna rnb)
		nb=$(pick "$r2" - rna rnb)
		op_desc="create pair $k: $a in '$na', $b in '$nb'"
		ok ip link add $a ${na:+netns $na} type snull peer name $b ${nb:+netns $nb}
		setv "ns_$a" "$na"
		setv "ns_$b" "$nb"
		setv "ex_$k" 1
		bringup $a
		bringup $b
		;;
	1)	# move an end to another namespace
		to=$(pick "$r2" - rna rnb)
		op_desc="move $e to '$to'"
		if [ "$to" != "$(nsof $e)" ]; then
			ok x $e ip link set dev $e netns "${to:-1}"
			setv "ns_$e" "$to"
			bringup $e
		fi
		;;
	2)	# down and up, or just one of them
		op_desc="down/up $e"
		case $((r2 % 3)) in
		0) ok x $e ip link set $e down ;;
		1) ok x $e ip link set $e up ;;
		2) ok x $e ip link set $e down; ok x $e ip link set $e up ;;
		esac
		;;
	3)	op_desc="mtu $e"
		ok x $e ip link set $e mtu "$(pick "$r2" 1500 9000 68 576 1280 4000 1500)" ;;
	4)	op_desc="rings $e"
		ok x $e ethtool -G $e rx $((16 << (r2 % 9))) tx $((16 << (r1 % 9))) ;;
	5)	op_desc="coalesce $e"
		ok x $e ethtool -C $e rx-usecs $((r2 % 300)) rx-frames $((r2 % 33)) tx-usecs $((r1 % 200)) ;;
	6)	op_desc="maddr $e"
		# groups the kernel never joins by itself (224.0.0.1 is
		# 01:00:5e:00:00:01, joined with every IPv4 address)
		g=$(printf '01:00:5e:7f:00:%02x' $((r2 % 8)))
		if x $e ip maddr show dev $e | grep -q "$g static"; then
			ok x $e ip maddr del "$g" dev $e
		else
			ok x $e ip maddr add "$g" dev $e
		fi
		;;
	7)	# a debugfs fault knob
		knob=$(pick "$r2" drop_permille corrupt_permille delay_us stall_tx drop_permille)
		case $knob in
		drop_permille) v=$((r1 % 300)) ;;
		corrupt_permille) v=$((r1 % 100)) ;;
		delay_us) v=$((r1 % 3000)) ;;
		stall_tx) v=$((r1 % 2)) ;;
		esac
		op_desc="fault $e $knob=$v"
		ok sh -c "echo $v >$(dbgdir $e)/$knob"
		;;
	8|9|10)	# a burst from the packet socket: crosses whatever the namespaces
		p=$(peer_of $e)
		op_desc="burst $e -> $p"
		len=$(pick "$r2" 60 1514 300 9014 14 1000)
		x $e snull-pkt send $e "$len" $((1 + r1 % 50)) "$(x $p cat /sys/class/net/$p/address)" >/dev/null 2>&1
		;;
	11)	# ping across, when the ends are apart
		p=$(peer_of $e)
		op_desc="ping $e -> $p"
		[ "$(nsof $e)" != "$(nsof $p)" ] &&
			x $e ping -c 3 -i 0.02 -W 1 "$(addr_of $p)" >/dev/null 2>&1
		;;
	12)	op_desc="zerocopy $e"
		ok x $e ethtool --set-priv-flags $e zerocopy "$(pick "$r2" on off)" ;;
	13)	op_desc="flip $e"
		ok x $e ethtool --set-priv-flags $e flip "$(pick "$r2" on off off)" ;;
	14)	op_desc="delete pair $k"
		ok x $e ip link del $e
		setv "ex_$k" 0
		;;
	15)	# delete a namespace with whatever is in it, then re-create it
		victim=$(pick "$r2" rna rnb)
		op_desc="delete netns $victim"
		ok ip netns del $victim
		for j in 0 1 2 3; do
			[ "$(getv "ex_$j")" = 1 ] || continue
			if [ "$(nsof rk${j}a)" = $victim ] || [ "$(nsof rk${j}b)" = $victim ]; then
				setv "ex_$j" 0
			fi
		done
		# its devices go asynchronously; wait before re-using names
		for j in 0 1 2 3; do
			[ "$(getv "ex_$j")" = 1 ] && continue
			w=0
			while visible rk${j}a || visible rk${j}b; do
				w=$((w + 1))
				if [ $w -ge 100 ]; then
					for n in "" rna rnb; do
						echo "# netns '$n':"
						_in "$n" ip -br link | sed 's/^/#   /'
					done
					for d in /sys/kernel/debug/snull/*; do
						echo "# ${d##*/}: stall_tx $(cat $d/stall_tx) $(grep -E 'running|tx_hung' $d/regs | tr -s ' \n' ' ') $(head -n1 $d/rings)"
					done
					fail "op $op_i: pair $j outlived namespace $victim"
				fi
				sleep 0.1
			done
		done
		ok ip netns add $victim
		;;
	esac
	echo "$op_i: $op_desc" >>ops.log
	ops=$((ops + 1))
done <ops.list
info "seed $seed: $ops operations done"

# Quiesce: faults off, then every surviving pair carries traffic both ways
# and its books balance.
for k in 0 1 2 3; do
	[ "$(getv "ex_$k")" = 1 ] || continue
	for e in rk${k}a rk${k}b; do
		for knob in drop_permille corrupt_permille delay_us stall_tx; do
			echo 0 >"$(dbgdir $e)/$knob"
		done
		x $e ip link set $e mtu 1500 up
	done
done
sleep 0.5
for k in 0 1 2 3; do
	[ "$(getv "ex_$k")" = 1 ] || continue
	a=rk${k}a
	b=rk${k}b
	wait_for "x $a ip link show $a | grep -q LOWER_UP" 10
	before=$(st $b rx_packets "$(nsof $b)")
	x $a snull-pkt send $a 100 20 "$(x $b cat /sys/class/net/$b/address)" >/dev/null ||
		fail "pair $k: burst $a -> $b (seed $seed)"
	wait_for "[ \$(st $b rx_packets '$(nsof $b)') -ge $((before + 20)) ]" 10
	assert_ledger $a $b "$(nsof $a)" "$(nsof $b)"
	assert_ledger $b $a "$(nsof $b)" "$(nsof $a)"
	info "pair $k ($a in '$(nsof $a)', $b in '$(nsof $b)'): traffic flows, books balance"
done
