#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/book-hosts on a scratch root (--root): install adds the book's
# names to etc/hosts and etc/networks, a second install changes nothing
# (byte for byte, same inode), status sees them, remove restores the
# files exactly, names already present are not duplicated, and a name
# bound to another address is refused without writing anything.
# timeout: 60
. "$SNULL_ROOT/host-tests/lib.inc"

bh=$SNULL_ROOT/scripts/book-hosts
r=$HOST_TMP/root
mkdir -p "$r/etc"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n' >"$r/etc/hosts"
printf 'link-local 169.254.0.0\n' >"$r/etc/networks"
cp "$r/etc/hosts" hosts.orig
cp "$r/etc/networks" networks.orig
ino=$(stat -c %i "$r/etc/hosts")

"$bh" --root "$r" status && fail "status passes before install"
"$bh" --root "$r" install || fail "install"
cat "$r/etc/hosts" "$r/etc/networks"
for n in "192.168.0.1 local0" "192.168.0.2 remote0" "192.168.1.2 local1" "192.168.1.1 remote1"; do
	[[ $(grep -cE "^${n% *}[[:space:]]+${n#* }\$" "$r/etc/hosts") == 1 ]] || fail "hosts: no single '$n'"
done
grep -qE '^snullnet0[[:space:]]+192\.168\.0\.0$' "$r/etc/networks" || fail "networks: snullnet0"
grep -qE '^snullnet1[[:space:]]+192\.168\.1\.0$' "$r/etc/networks" || fail "networks: snullnet1"
grep -q localhost "$r/etc/hosts" || fail "install lost the existing lines"
[[ $(stat -c %i "$r/etc/hosts") == "$ino" ]] || fail "install replaced the file (a new inode)"
"$bh" --root "$r" status || fail "status after install"

cp "$r/etc/hosts" hosts.1
cp "$r/etc/networks" networks.1
out=$("$bh" --root "$r" install) || fail "second install"
grep -q "already has" <<<"$out" || fail "second install: no 'already has'"
cmp hosts.1 "$r/etc/hosts" && cmp networks.1 "$r/etc/networks" || fail "second install changed a file"

"$bh" --root "$r" remove || fail "remove"
cmp hosts.orig "$r/etc/hosts" || fail "remove did not restore etc/hosts"
cmp networks.orig "$r/etc/networks" || fail "remove did not restore etc/networks"
out=$("$bh" --root "$r" remove) || fail "second remove"
grep -q "nothing of ours" <<<"$out" || fail "second remove: no 'nothing of ours'"

# names already there (as in the lab VM's /etc/hosts) are not added again
printf '192.168.0.1 local0\n192.168.1.2 local1 lab-local1\n' >>"$r/etc/hosts"
"$bh" --root "$r" install || fail "install with two names present"
assert_eq "$(grep -c local0 "$r/etc/hosts")" 1 "local0 lines"
assert_eq "$(grep -cE '^192\.168\.1\.2[[:space:]]+local1$' "$r/etc/hosts")" 0 "added local1 lines"
grep -q remote0 "$r/etc/hosts" || fail "remote0 not added"
"$bh" --root "$r" status || fail "status with pre-existing names"
"$bh" --root "$r" remove
grep -q '192.168.0.1 local0' "$r/etc/hosts" || fail "remove took a line it did not add"

# a conflict writes nothing, in either file
cp "$r/etc/hosts" hosts.2
printf 'snullnet1 10.1.0.0\n' >>"$r/etc/networks"
cp "$r/etc/networks" networks.2
"$bh" --root "$r" install 2>err && fail "install accepted a conflicting snullnet1"
cat err
grep -q 'snullnet1 is already 10.1.0.0' err || fail "no clear message for the conflict"
cmp hosts.2 "$r/etc/hosts" && cmp networks.2 "$r/etc/networks" || fail "a refused install wrote something"

"$bh" --root "$HOST_TMP/nonexistent" install 2>/dev/null && fail "--root without etc/ accepted"
"$bh" bogus 2>/dev/null && fail "unknown command accepted"
sh -n "$bh" || fail "not POSIX sh"
exit 0
