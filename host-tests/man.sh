#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# snull(4): `groff -man -Tutf8 -ww` renders it without a single warning,
# and it describes what the driver has: every module parameter (with the
# default its MODULE_PARM_DESC states), ethtool statistic and private
# flag, debugfs file and tracepoint, read from the sources.
# timeout: 60
. "$SNULL_ROOT/host-tests/lib.inc"

man=$SNULL_ROOT/snull.4
src=$SNULL_ROOT/src
command -v groff >/dev/null || fail "groff is not installed: run scripts/deps (groff-base)"

groff -man -Tutf8 -ww "$man" >rendered.txt 2>warnings.txt || fail "groff failed"
if [[ -s warnings.txt ]]; then
	cat warnings.txt
	fail "groff -ww printed warnings"
fi
# and with man's own checks (man-db runs groff with -mandoc)
if command -v man >/dev/null; then
	MANWIDTH=80 man --warnings=w -l "$man" >/dev/null 2>man-warnings.txt || fail "man -l failed"
	[[ ! -s man-warnings.txt ]] || { cat man-warnings.txt; fail "man --warnings printed warnings"; }
fi
# the text as a reader sees it, without the overstrike of bold/underline
col -b <rendered.txt >text.txt
grep -q '^NAME' text.txt && grep -q '^SEE ALSO' text.txt || fail "no NAME/SEE ALSO sections"

bad=0
missing() { echo "snull.4 does not mention $1"; bad=1; }

# parameters: name, and "default N" as the source states it
n_params=0
while IFS='|' read -r name def; do
	# the man page's tag line reads: name (type, range, default N)
	line=$(grep -E "^ +$name( |, )" text.txt | head -n1)
	[[ -n $line ]] || line=$(grep -E "^ +[a-z_, ]*\\b$name\\b.*\\(.*default" text.txt | head -n1)
	if [[ -z $line ]]; then
		missing "parameter $name"
	elif [[ $line != *"default $def"* ]]; then
		echo "snull.4: parameter $name: '$line', the source says default $def"
		bad=1
	fi
	n_params=$((n_params + 1))
done < <(sed -n 's/^MODULE_PARM_DESC(\([a-z_]*\), ".*(.*default \([^)]*\))");/\1|\2/p' "$src/main.c")
[[ $n_params == $(grep -c '^MODULE_PARM_DESC' "$src/main.c") && $n_params -ge 10 ]] ||
	fail "read $n_params parameter descriptions with a default from src/main.c"

# ethtool -S names and private flags
for s in $(sed -n 's/^[[:space:]]*SNULL_STAT(.*"\([a-z_]*\)"),$/\1/p' "$src/ethtool.c"); do
	grep -qw -- "$s" text.txt || missing "statistic $s"
done
qnames=$(sed -n '/snull_queue_stat_names\[\] = {/,/^};/p' "$src/ethtool.c" | grep -o '"[a-z_]*"' | tr -d '"')
[[ -n $qnames ]] || fail "no snull_queue_stat_names in src/ethtool.c"
for s in $qnames; do
	grep -qw -- "qN_$s" text.txt || missing "per-queue statistic qN_$s"
done
for p in $(sed -n 's/^[[:space:]]*\[SNULL_PFLAG_[A-Z]*\][[:space:]]*= "\([a-z]*\)",$/\1/p' "$src/ethtool.c"); do
	grep -qw -- "$p" text.txt || missing "private flag $p"
done
# debugfs files
for f in $(sed -n 's/.*debugfs_create_file\(_unsafe\)\?("\([a-z_]*\)".*/\2/p' "$src/debugfs.c"); do
	grep -qw -- "$f" text.txt || missing "debugfs file $f"
done
# tracepoints
tp_headers=("$SNULL_ROOT/include/snull_trace.h" "$SNULL_ROOT/include/snull_hw_trace.h")
events=$({ grep -oh 'DEFINE_EVENT([a-z0-9_]*, *snull_[a-z_]*' "${tp_headers[@]}" |
	sed 's/.*, *//'; grep -oh 'TRACE_EVENT(snull_[a-z_]*' "${tp_headers[@]}" |
	sed 's/.*(//'; } | sort -u)
[[ $(wc -w <<<"$events") -ge 9 ]] || fail "expected 9 or more tracepoints, found: $events"
for e in $events; do
	grep -qw -- "$e" text.txt || missing "tracepoint $e"
done
((bad == 0)) || fail "snull.4 and the driver disagree (see above)"
info "snull.4: $(wc -l <text.txt) lines, no warnings; $n_params parameters, $(wc -w <<<"$events") tracepoints checked"
exit 0
