#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# scripts/lab, a guest that hangs in a test: the watchdog sends it an NMI
# through the QEMU monitor before killing it, and reads the backtraces
# the guest's panic prints.  A hang on the kernel's code-patching
# breakpoint outside snull (the emulator race) runs the test once more,
# on a fresh boot, and it passes; a hang with snull's code in a RIP fails
# the test at once.  A stand-in qemu-system-x86_64 first in PATH plays the
# hung guest on the first boot (it answers the monitor's "nmi" with a
# panic's backtraces) and runs the real qemu after.
# timeout: 300
. "$SNULL_ROOT/host-tests/lib.inc"

real=$(command -v qemu-system-x86_64) || fail "no qemu-system-x86_64: run scripts/deps"
command -v socat >/dev/null || fail "no socat: run scripts/deps"
mkdir -p bin
cat >bin/qemu-system-x86_64 <<EOS
#!/bin/bash
n=\$(cat "$HOST_TMP/boots" 2>/dev/null || echo 0)
echo \$((n + 1)) >"$HOST_TMP/boots"
((n == 0)) || exec "$real" "\$@"
results= mon=
prev=
for a in "\$@"; do
	case \$prev,\$a in
	-serial,file:*) results=\${a#file:} ;;
	-monitor,unix:*) mon=\${a#unix:}; mon=\${mon%%,*} ;;
	esac
	prev=\$a
done
[[ -n \$results && -n \$mon ]] || { echo "stand-in: no results file or monitor in \$*"; exit 1; }
echo "[lab] booted Linux (stand-in) in 0.1s; mode: suite"
echo READY >>"\$results"
echo "BEGIN tests/core/params.sh 5" >>"\$results"
# hung: nothing more until the monitor's nmi
socat -u UNIX-LISTEN:"\$mon" - | grep -q '^nmi'
echo "[   90.000001] Uhhuh. NMI received for unknown reason 21 on CPU 0."
echo "[   90.000002] Kernel panic - not syncing: NMI: Not continuing"
echo "[   90.000003] RIP: 0010:\$(cat "$HOST_TMP/where")"
echo "[   90.000004] NMI backtrace for cpu 1"
echo "[   90.000005] RIP: 0010:text_poke_bp_batch+0x1a0/0x2b0"
exit 0
EOS
chmod +x bin/qemu-system-x86_64

run() {		# run WHERE: the lab on one test; its output in out.log
	echo "$1" >where
	: >boots
	PATH=$HOST_TMP/bin:$PATH SNULL_LAB_GRACE=5 "$SNULL_ROOT/scripts/lab" suite tests/core/params.sh >out.log 2>&1
}

info "a hang on the code-patching breakpoint outside snull: the NMI's backtraces say so, the test runs again and passes"
run "asm_exc_int3+0x3a/0x40" || { cat out.log; fail "the lab failed after a hang outside snull"; }
grep -q "an NMI for its backtraces" out.log || { cat out.log; fail "the watchdog sent no NMI"; }
grep -q "hung on the kernel's code-patching breakpoint" out.log ||
	{ cat out.log; fail "the lab did not say why it ran the test again"; }
grep -q "1 passed, 0 failed" out.log || { cat out.log; fail "the test did not pass on the second boot"; }
assert_eq "$(cat boots)" 2 "boots after one hang"

info "a hang with snull's code in a RIP: the test fails, no second boot"
run "snull_poll+0x10/0x200 [snull]" && { cat out.log; fail "the lab passed a hang in snull"; }
grep -q "FAIL tests/core/params.sh: the guest stopped responding" out.log ||
	{ cat out.log; fail "no 'stopped responding' verdict"; }
assert_eq "$(cat boots)" 1 "boots after a hang in snull"
exit 0
