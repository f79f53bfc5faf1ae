# SPDX-License-Identifier: GPL-2.0
#
# host-tests/lib.sh - helpers for the host-side tests (scripts/host-tests).
# A test starts with:
#
#   #!/bin/bash
#   # SPDX-License-Identifier: GPL-2.0
#   # <what it checks>
#   # timeout: 300
#   . "$SNULL_ROOT/host-tests/lib.sh"
#
# The runner provides SNULL_ROOT (the source tree), SNULL_KERNELS and
# HOST_TMP (the test's temp dir, also its cwd).  Never change the source
# tree: work on a copy (src_copy).

set -uo pipefail

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
info() { echo "# $*"; }

assert_eq() { [[ $1 == "$2" ]] || fail "${3:-value}: expected '$2', got '$1'"; }

# need_root WHY: skip unless root
need_root() { [[ $(id -u) == 0 ]] || skip "needs root: $*"; }

# need_kernel distro|debug: skip unless make check runs that kernel
need_kernel() {
	[[ " $SNULL_KERNELS " == *" $1 "* ]] ||
		skip "needs the $1 kernel (make check KERNELS=\"$SNULL_KERNELS\")"
}

# distro_release: the release of Debian's linux-image-amd64 (the lab's
# distro kernel), whose headers `make` builds against.
distro_release() {
	local rel
	rel=$(dpkg-query -W -f='${Depends}' linux-image-amd64 2>/dev/null |
		sed -n 's/^linux-image-\([^ ,]*\).*/\1/p')
	[[ -n $rel && -e /lib/modules/$rel/build/Makefile ]] ||
		fail "no linux-headers for Debian's kernel ($rel): run scripts/deps"
	echo "$rel"
}

# src_copy DIR: copy the source tree (the working tree's tracked and
# untracked files, nothing ignored: no build products, no .lab) to DIR.
src_copy() {
	local dst=$1 f
	mkdir -p "$dst"
	if git -C "$SNULL_ROOT" rev-parse --git-dir >/dev/null 2>&1; then
		(cd "$SNULL_ROOT" && git ls-files -z -co --exclude-standard) |
			while IFS= read -r -d '' f; do
				[[ -e $SNULL_ROOT/$f ]] || continue	# deleted, not committed
				mkdir -p "$dst/$(dirname "$f")"
				cp -p "$SNULL_ROOT/$f" "$dst/$f"
			done
	else
		tar -C "$SNULL_ROOT" --exclude=.lab --exclude=results --exclude=.git \
			--exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' -cf - . |
			tar -C "$dst" -xf -
	fi
}

# run_doc_host FILE: run FILE's host blocks (doc-test: host) from the top
# of a fresh copy of the source tree, as tests/docs/docs.inc does for the
# VM's blocks.  FILE is a path in the repository (README.md, docs/...).
run_doc_host() {
	local file=$1 copy=$HOST_TMP/src
	[[ -e $SNULL_ROOT/$file ]] || fail "no $file"
	src_copy "$copy"
	DOCS_AWK=$SNULL_ROOT/tests/docs/doc-blocks.awk
	# shellcheck source=../tests/docs/docs.inc
	. "$SNULL_ROOT/tests/docs/docs.inc"
	doc_script "$SNULL_ROOT/$file" "$file" host >"$HOST_TMP/doc.sh" || exit 1
	grep -q '^__doc_block ' "$HOST_TMP/doc.sh" || fail "$file has no host block"
	(cd "$copy" && /bin/sh "$HOST_TMP/doc.sh") || fail "$file: see the DOC FAIL line above"
}
