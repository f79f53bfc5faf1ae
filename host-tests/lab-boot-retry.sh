#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/lab, the emulator race at boot: a guest that dies of an int3
# Oops outside snull before its first test is booted once more and its
# tests pass; a guest that dies that way twice fails them with "no
# result"; a guest whose Oops is in snull's code is never booted again.
# A stand-in qemu-system-x86_64 first in PATH prints the Oops and exits
# for the first N boots, then runs the real qemu.
# timeout: 600
. "$SNULL_ROOT/host-tests/lib.inc"

real=$(command -v qemu-system-x86_64) || fail "no qemu-system-x86_64: run scripts/deps"
mkdir -p bin
cat >bin/qemu-system-x86_64 <<EOS
#!/bin/bash
n=\$(cat "$HOST_TMP/boots" 2>/dev/null || echo 0)
echo \$((n + 1)) >"$HOST_TMP/boots"
if ((n < \$(cat "$HOST_TMP/die"))); then
	echo "[    3.044000] Oops: int3: 0000 [#1] SMP NOPTI"
	echo "[    3.044100] RIP: 0010:\$(cat "$HOST_TMP/where")"
	echo "[    3.044438] Modules linked in:\$(cat "$HOST_TMP/mods")"
	echo "[    3.046496] Kernel panic - not syncing: Fatal exception in interrupt"
	exit 0
fi
exec "$real" "\$@"
EOS
chmod +x bin/qemu-system-x86_64

# run DIE WHERE MODS: the lab on one test; its output in out.log
run() {
	echo "$1" >die
	echo "$2" >where
	echo "$3" >mods
	: >boots
	PATH=$HOST_TMP/bin:$PATH "$SNULL_ROOT/scripts/lab" suite tests/core/params.sh >out.log 2>&1
}

info "one death at boot, outside snull: booted once more, the test passes"
run 1 "sched_clock_cpu+0x9/0x230" "" || { cat out.log; fail "the lab failed after one death at boot"; }
grep -q "before its first test on the kernel's code-patching breakpoint" out.log ||
	{ cat out.log; fail "the lab did not say why it booted again"; }
grep -q "^PASS tests/core/params.sh" out.log || grep -q "1 passed, 0 failed" out.log ||
	{ cat out.log; fail "the test did not pass after the second boot"; }
assert_eq "$(cat boots)" 2 "boots after one death"

info "two deaths at boot: the test fails with no result, after two boots"
run 2 "sched_clock_cpu+0x9/0x230" "" && { cat out.log; fail "the lab passed a guest that never ran the test"; }
grep -q "FAIL tests/core/params.sh: no result" out.log || { cat out.log; fail "no 'no result' verdict"; }
assert_eq "$(cat boots)" 2 "boots after two deaths"

info "a death in snull's code: not booted again"
run 1 "snull_poll+0x10/0x200 [snull]" " snull" && { cat out.log; fail "the lab passed after a crash in snull"; }
assert_eq "$(cat boots)" 1 "boots after a crash in snull"
grep -q "booting once more" out.log && { cat out.log; fail "the lab retried a crash in snull's code"; }
exit 0
