#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# examples/: the configuration files a student drops into /etc.  The VM
# has no ifupdown, systemd-networkd or NetworkManager, so this tests what
# can be tested without them:
#  - modprobe.d: installed in /etc/modprobe.d, the real modprobe applies
#    its options;
#  - modules-load.d: each module it names loads with modprobe (what
#    systemd-modules-load does);
#  - ifupdown and networkd: a small applier reads the interfaces, their
#    static addresses and the keys used, applies them with ip, and the
#    book's walkthrough pings (remote0, remote1) succeed;
#  - NetworkManager: the snippet is a keyfile with [keyfile]
#    unmanaged-devices (= or +=) whose device specs match sn0, sn1 and
#    sn10 and not eth0;
#  - scripts/book-hosts status agrees with the VM's /etc/hosts.
# timeout: 90
# kernels: distro
. "$SNULL_TESTDIR/lib.sh"

ex=/snull/examples
conf=/etc/modprobe.d/snull.conf
trap 'rm -f "$conf"' EXIT

# --- modprobe.d ---------------------------------------------------------
mkdir -p /etc/modprobe.d
cp "$ex/modprobe.d/snull.conf" "$conf"
opts=$(sed -n 's/^options snull //p' "$conf")
[ -n "$opts" ] || fail "modprobe.d/snull.conf has no 'options snull' line"
modprobe -c | grep -q "^options snull " || fail "modprobe -c does not show the options"
modprobe snull || fail "modprobe snull with modprobe.d/snull.conf"
for o in $opts; do
	p=${o%%=*} v=${o#*=}
	got=$(cat "/sys/module/snull/parameters/$p") || fail "no parameter $p"
	case $v:$got in 1:Y | 0:N) got=$v ;; esac
	assert_eq "$got" "$v" "parameter $p from modprobe.d"
done
modprobe -r snull
rm -f "$conf"

# --- modules-load.d ---------------------------------------------------------
mods=$(grep -v '^[[:space:]]*\(#\|$\)' "$ex/modules-load.d/snull.conf")
assert_eq "$mods" snull "modules-load.d/snull.conf lists"
for m in $mods; do
	modprobe "$m" || fail "modprobe $m (modules-load.d)"
done

# --- ifupdown and networkd, applied with ip --------------------------------
# apply_ifupdown FILE: for each "auto" interface with "iface X inet static",
# its address (CIDR, or address + netmask), then up.  Anything else that a
# static stanza could hold is refused, so the applier never silently
# ignores a setting the file relies on.
apply_ifupdown() {
	awk '
	function flush() {
		if (ifc != "" && auto[ifc]) {
			if (addr == "") { print "echo \"no address for " ifc "\" >&2; exit 1"; }
			else {
				if (mask != "" && addr !~ /\//) addr = addr "/" mask
				printf "ip addr add %s dev %s && ip link set %s up || exit 1\n", addr, ifc, ifc
			}
		}
		ifc = ""; addr = ""; mask = ""
	}
	{ sub(/#.*/, "") }
	NF == 0 { next }
	$1 == "auto" || $1 == "allow-hotplug" { for (i = 2; i <= NF; i++) auto[$i] = 1; next }
	$1 == "iface" {
		flush()
		if ($3 != "inet" || $4 != "static") { print "echo \"unsupported: " $0 "\" >&2; exit 1"; next }
		ifc = $2; next
	}
	$1 == "address" { addr = $2; next }
	$1 == "netmask" { mask = $2; next }
	{ print "echo \"unsupported option: " $0 "\" >&2; exit 1" }
	END { flush() }' "$1" >apply.sh
	cat apply.sh
	sh -e apply.sh || fail "applying $1"
}

# apply_networkd FILE...: [Match] Name= and [Network] Address= of each file;
# the other keys must be ones the applier knows about (listed below).
apply_networkd() {
	for f in "$@"; do
		awk -v f="$f" '
		{ sub(/^[ \t]+/, "") }
		/^[#;]/ || NF == 0 { next }
		/^\[.*\]$/ { sec = $0; if (sec != "[Match]" && sec != "[Network]") bad = bad " section " sec; next }
		!/=/ { bad = bad " line \"" $0 "\""; next }
		{
			k = substr($0, 1, index($0, "=") - 1); v = substr($0, index($0, "=") + 1)
			if (sec == "[Match]" && k == "Name") name = v
			else if (sec == "[Network]" && k == "Address") addrs = addrs " " v
			else if (sec == "[Network]" && (k == "ConfigureWithoutCarrier" || k == "LinkLocalAddressing" || k == "IPv6AcceptRA")) {
				if (v != "yes" && v != "no") bad = bad " " k "=" v
			} else bad = bad " " sec k
		}
		END {
			if (bad != "") { print "echo \"" f ": unknown to the applier:" bad "\" >&2; exit 1"; exit }
			if (name == "" || name ~ /[*?[ ]/ || addrs == "") { print "echo \"" f ": needs one Name= and an Address=\" >&2; exit 1"; exit }
			n = split(addrs, a, " ")
			for (i = 1; i <= n; i++) printf "ip addr add %s dev %s || exit 1\n", a[i], name
			printf "ip link set %s up || exit 1\n", name
		}' "$f"
	done >apply.sh
	cat apply.sh
	sh -e apply.sh || fail "applying $*"
}

# walkthrough: the book's addresses are there, and its pings get through
walkthrough() {
	assert_eq "$(ip -4 -o addr show dev sn0 | awk '{ print $4 }')" 192.168.0.1/24 "sn0's address ($1)"
	assert_eq "$(ip -4 -o addr show dev sn1 | awk '{ print $4 }')" 192.168.1.2/24 "sn1's address ($1)"
	wait_for "ip link show sn0 | grep -q LOWER_UP" 5
	ping -c 3 -i 0.2 -W 2 remote0 || fail "ping remote0 with the $1 configuration"
	ping -c 3 -i 0.2 -W 2 remote1 || fail "ping remote1 with the $1 configuration"
}

apply_ifupdown "$ex/network/interfaces.d/snull"
walkthrough ifupdown
modprobe -r snull
modprobe snull
apply_networkd "$ex"/systemd/network/*.network
walkthrough networkd
modprobe -r snull

# --- NetworkManager -----------------------------------------------------------
nm=$ex/NetworkManager/conf.d/90-snull-unmanaged.conf
specs=$(awk '
	{ sub(/^[ \t]+/, "") }
	/^[#;]/ || NF == 0 { next }
	/^\[[^]]+\]$/ { sec = $0; next }
	/^[A-Za-z0-9.-]+\+?=/ {
		if (sec == "") { print "ERROR key outside a section: " $0; exit }
		k = $0; sub(/\+?=.*/, "", k); v = $0; sub(/^[^=]*=/, "", v)
		if (sec == "[keyfile]" && k == "unmanaged-devices") { print v; n++ }
		next
	}
	{ print "ERROR not a keyfile line: " $0; exit }
	END { if (!n) print "ERROR no [keyfile] unmanaged-devices" }' "$nm")
case $specs in *ERROR*) fail "$nm: $specs" ;; esac
# device specs: separated by , or ;, each here interface-name:GLOB
matches() {	# matches IFNAME: is IFNAME in the unmanaged list?
	echo "$specs" | tr ',;' '\n\n' | while IFS= read -r s; do
		s=$(echo "$s" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
		[ -n "$s" ] || continue
		case $s in
		interface-name:*) g=${s#interface-name:}; g=${g#=}; g=${g#\~} ;;
		*) echo "unexpected device spec '$s'" >&2; echo bad; continue ;;
		esac
		# shellcheck disable=SC2254
		case $1 in $g) echo yes ;; esac
	done
}
for d in sn0 sn1 sn10; do
	assert_eq "$(matches $d)" yes "$nm: $d unmanaged"
done
assert_eq "$(matches eth0)" "" "$nm: eth0 unmanaged"

# --- book-hosts ------------------------------------------------------------------
/snull/scripts/book-hosts status || fail "book-hosts status disagrees with the VM's /etc/hosts"
