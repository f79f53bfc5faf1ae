#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The tested docs stay tested: every `sh` block of README.md and of
# docs/labs/*.md runs somewhere (in the VM by default, on the host when
# marked) or is skipped with a reason; every doc-test directive is valid;
# each lab exercise has its test in tests/docs/, each file with host
# blocks a host test that runs them; the KASAN exercise's patch still
# applies to the driver's sources.
# timeout: 60
. "$SNULL_ROOT/host-tests/lib.inc"

awkf=$SNULL_ROOT/tests/docs/doc-blocks.awk
cd "$SNULL_ROOT" || exit 1
bad=0
shopt -s nullglob
docs=(README.md docs/labs/*.md docs/exercises.md)
((${#docs[@]} >= 9)) || fail "expected README.md, 7 or more docs/labs/*.md and docs/exercises.md, found ${docs[*]}"

for d in "${docs[@]}"; do
	list=$(awk -v mode=list -f "$awkf" "$d") || { echo "$d: the block extractor refused it (above)"; bad=1; continue; }
	n_guest=$(grep -c ' guest$' <<<"$list")
	n_host=$(grep -c ' host$' <<<"$list")
	n_skip=$(grep -c ' skip ' <<<"$list")
	info "$d: $n_guest VM, $n_host host, $n_skip skipped sh blocks"
	grep ' skip ' <<<"$list" | sed "s|^|    $d:|"
	# the VM runs the guest blocks of exactly the files a tests/docs test names
	if ((n_guest)); then
		grep -lq "run_doc $d\\b" tests/docs/*.sh 2>/dev/null ||
			{ echo "$d has VM blocks but no tests/docs/*.sh runs it (run_doc $d)"; bad=1; }
	fi
	if ((n_host)); then
		grep -q "run_doc_host $d\\b" host-tests/*.sh ||
			{ echo "$d has host blocks but no host-tests/*.sh runs it (run_doc_host $d)"; bad=1; }
	fi
	# any shell-ish fence that is not `sh` is never run: flag the likely mistakes
	if grep -nE '^[[:space:]]*```(bash|shell|sh[[:space:]]|zsh)' "$d"; then
		echo "$d: a \`\`\`bash/shell block is never run; mark it sh (run) or console/text (not run)"
		bad=1
	fi
done
for d in docs/labs/[0-9]*.md; do
	grep -q "run_doc $d\\b\|run_doc_host $d\\b" tests/docs/*.sh host-tests/*.sh ||
		{ echo "$d: no test runs it"; bad=1; }
done
for t in tests/docs/*.sh; do
	f=$(sed -n 's/^run_doc \([^ ]*\).*/\1/p' "$t")
	[[ -z $f || -e $f ]] || { echo "$t runs $f, which does not exist"; bad=1; }
done

# the planted bug still applies to the current sources
git apply --check docs/labs/07-kasan.patch 2>"$HOST_TMP/err" ||
	patch --dry-run -s -p1 <docs/labs/07-kasan.patch >>"$HOST_TMP/err" 2>&1 ||
	{ cat "$HOST_TMP/err"; echo "docs/labs/07-kasan.patch no longer applies to src/"; bad=1; }

# the extractor itself: a broken directive is refused
printf '<!-- doc-test: skipp x -->\n```sh\ntrue\n```\n' >"$HOST_TMP/bad.md"
awk -v mode=list -f "$awkf" "$HOST_TMP/bad.md" >/dev/null 2>&1 && { echo "doc-blocks.awk accepted 'skipp'"; bad=1; }
printf '<!-- doc-test: skip -->\n```sh\ntrue\n```\n' >"$HOST_TMP/bad.md"
awk -v mode=list -f "$awkf" "$HOST_TMP/bad.md" >/dev/null 2>&1 && { echo "doc-blocks.awk accepted a skip without a reason"; bad=1; }
printf '```sh\ntrue\n' >"$HOST_TMP/bad.md"
awk -v mode=list -f "$awkf" "$HOST_TMP/bad.md" >/dev/null 2>&1 && { echo "doc-blocks.awk accepted an unterminated block"; bad=1; }
printf 'x\n\n<!-- doc-test: host -->\n\n```sh\necho h\n```\n```console\n$ no\n```\n  ```sh\n  echo g\n  ```\n' >"$HOST_TMP/ok.md"
assert_eq "$(awk -v mode=list -f "$awkf" "$HOST_TMP/ok.md" | tr '\n' ' ')" "5 host 11 guest " "doc-blocks.awk list"
assert_eq "$(awk -v mode=guest -f "$awkf" "$HOST_TMP/ok.md" | grep -v '^$' | tr '\n' ' ')" \
	"__doc_skip 1 5 host 'runs on the host' __doc_block 2 11 echo g " "doc-blocks.awk guest script"

((bad == 0)) || fail "the docs' tests do not cover the docs (see above)"
exit 0
