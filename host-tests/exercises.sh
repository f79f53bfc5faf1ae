#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# docs/exercises.md stays honest: its host block runs (make skel, the
# skeleton builds).  scripts/skel: every step of
# tests/exercises/gates has a TODO in the skeleton and every TODO a step;
# --done 10 is the reference, line for line, without the markers;
# malformed markers and a non-skeleton output directory are refused.  The
# skeleton and every partial tree (--done 1..9) build against Debian's
# headers, with no warning but the one the doc announces.  In the lab,
# the skeleton fails every gate, on each of the distro and debug kernels
# that make check runs (that the reference passes every gate is the
# suite's: tests/exercises/*.sh and the gates' interface tests).  With
# SNULL_EXERCISES_FULL=1, on the distro kernel, each step's gate also
# passes on the tree with steps 1..N done and fails on 1..N-1 done.
# timeout: 2400
. "$SNULL_ROOT/host-tests/lib.inc"

cd "$HOST_TMP" || exit 1
# the doc's own commands: make skel, it builds
run_doc_host docs/exercises.md
src_copy "$HOST_TMP/ref"
ref=$HOST_TMP/ref
skel=$ref/scripts/skel
gates=$ref/tests/exercises/gates
steps=$(awk '!/^#/ && NF { print $1 }' "$gates" | paste -sd' ')
info "steps: $steps"

# --- the generator ----------------------------------------------------------
"$skel" --out "$HOST_TMP/skel" >/dev/null || fail "scripts/skel"
todo_steps=$(grep -ho 'TODO(exercise [0-9]*)' "$HOST_TMP/skel"/src/*.c |
	tr -dc '0-9\n' | sort -nu | paste -sd' ')
assert_eq "$todo_steps" "$steps" "steps with a TODO in the skeleton vs tests/exercises/gates"
grep -rq 'EXERCISE [0-9]* \(BEGIN\|END\)\|Skeleton:' "$HOST_TMP/skel" &&
	fail "a marker survived in the skeleton: $(grep -rn 'EXERCISE\|Skeleton:' "$HOST_TMP/skel" | head -n3)"
# The datasheet and the steps go with it; the device too, untouched.
for f in docs/datasheet.md docs/exercises.md src/hw/hw.c Kbuild; do
	cmp -s "$ref/$f" "$HOST_TMP/skel/$f" || fail "skeleton's $f differs from the reference's"
done

# --done 10: the reference without its marker comments
"$skel" --out "$HOST_TMP/full" --done 10 >/dev/null || fail "scripts/skel --done 10"
strip_markers() {
	awk '/^[ \t]*\/\* EXERCISE [0-9]+ BEGIN: / { c = 1; next }
	     c && /^[ \t]*\*\/[ \t]*$/ { c = 0; next }
	     c { next }
	     /^[ \t]*\/\* EXERCISE [0-9]+ END \*\/[ \t]*$/ { next }
	     { print }' "$1"
}
for f in "$ref"/src/*.c; do
	strip_markers "$f" | cat -s | cmp -s - <(cat -s "$HOST_TMP/full/src/${f##*/}") ||
		fail "skel --done 10: src/${f##*/} is not the reference"
done

# refusals: a region that never ends, a stray END, a directory of yours
mkdir -p "$HOST_TMP/bad"
src_copy "$HOST_TMP/bad/tree"
printf '/* EXERCISE 99 BEGIN: never ends\n */\nint x;\n' >>"$HOST_TMP/bad/tree/src/mcast.c"
"$HOST_TMP/bad/tree/scripts/skel" --out "$HOST_TMP/bad/out" 2>err && fail "skel accepted an unterminated region"
grep -q "never ends" err || fail "skel's message for an unterminated region: $(cat err)"
mkdir -p "$HOST_TMP/mine" && echo keep >"$HOST_TMP/mine/notes"
"$skel" --out "$HOST_TMP/mine" 2>err && fail "skel overwrote a directory that is not a skeleton"
[[ -e $HOST_TMP/mine/notes ]] || fail "skel removed a file of a directory that is not a skeleton"
"$skel" --done x 2>/dev/null && fail "skel accepted --done x"

# --- they build -------------------------------------------------------------
rel=$(distro_release)
kbuild() {	# $1 = tree: warnings and errors on stdout; fails when it does not build
	make -j"$(nproc)" -C "/lib/modules/$rel/build" M="$1" modules >"$1/build.log" 2>&1 || {
		grep -E 'error|warning' "$1/build.log" | head -n 20
		return 1
	}
	grep -E 'warning:' "$1/build.log" || true
}
warn=$(kbuild "$HOST_TMP/skel") || fail "the skeleton does not build: $warn"
# The one warning docs/exercises.md announces, until step 4 uses snull_rx.
grep -v "snull_rx.* defined but not used" <<<"$warn" | grep -q . &&
	fail "the skeleton builds with warnings: $warn"
for n in $steps; do
	[[ $n == 10 ]] && continue
	"$skel" --out "$HOST_TMP/done$n" --done "$n" >/dev/null || fail "skel --done $n"
	warn=$(kbuild "$HOST_TMP/done$n") || fail "skel --done $n does not build: $warn"
	grep -v "snull_rx.* defined but not used" <<<"$warn" | grep -q . &&
		fail "skel --done $n builds with warnings: $warn"
done
info "the skeleton and --done 1..9 build against $rel"

# --- the gates, in the lab ------------------------------------------------------
# grade_out KERNEL TREE STEPS...: scripts/lab grade's per-step lines
grade_out() {
	local k=$1 tree=$2
	shift 2
	(cd "$ref" && scripts/lab --kernel "$k" --src "$tree" grade "$@") >"grade.log" 2>&1
	grep '^grade: step' grade.log
}
ran=0
for k in distro debug; do
	[[ " $SNULL_KERNELS " == *" $k "* ]] || continue
	ran=1
	out=$(grade_out "$k" "$HOST_TMP/skel" all)
	info "$k, the skeleton:"
	sed 's/^/    /' <<<"$out"
	for n in $steps; do
		grep -q "^grade: step $n: FAIL" <<<"$out" ||
			{ tail -n 30 grade.log; fail "$k: the skeleton does not fail step $n's gate"; }
	done
	# and grade points at the student's TODO
	# with the test's own reason, and where the student's TODOs are
	grep -q "^grade: step 1: FAIL (tests/exercises/01-open-stop.sh: ip link set sn0 up (ndo_open)); TODO(exercise 1) at src/napi.c:[0-9]* src/netdev.c:[0-9]*$" <<<"$out" ||
		fail "$k: grade's line for step 1 names neither the reason nor the TODOs"
done
((ran)) || skip "make check runs neither the distro nor the debug kernel"

# Each tree of a student who finished p steps, in one boot: gate p passes,
# gate p+1 fails (its TODO is still empty).
if [[ ${SNULL_EXERCISES_FULL:-} == 1 && " $SNULL_KERNELS " == *" distro "* ]]; then
	last=${steps##* }
	for ((p = 0; p <= last; p++)); do
		tree=$HOST_TMP/done$p
		((p == 0)) && tree=$HOST_TMP/skel
		((p == last)) && tree=$HOST_TMP/full
		want=()
		((p > 0)) && want+=("$p")
		((p < last)) && want+=("$((p + 1))")
		out=$(grade_out distro "$tree" "${want[@]}")
		if ((p > 0)); then
			grep -q "^grade: step $p: PASS" <<<"$out" ||
				{ tail -n 30 grade.log; fail "step $p's gate fails with steps 1..$p done"; }
		fi
		if ((p < last)); then
			grep -q "^grade: step $((p + 1)): FAIL" <<<"$out" ||
				{ tail -n 30 grade.log; fail "step $((p + 1))'s gate passes with its TODO left empty (steps 1..$p done)"; }
		fi
		info "steps 1..$p done: ${out//$'\n'/; }"
	done
fi
exit 0
