# SPDX-License-Identifier: GPL-2.0
#
# doc-blocks.awk - extract the command blocks of a Markdown file, for the
# tests that run the documentation (tests/docs/*.sh in the VM,
# host-tests/docs-*.sh on the host).  POSIX awk (mawk, busybox awk).
#
#   awk -v mode=guest -f doc-blocks.awk FILE   the script of FILE's blocks
#   awk -v mode=host  -f doc-blocks.awk FILE   that run in the VM / on the host
#   awk -v mode=list  -f doc-blocks.awk FILE   "LINE WHERE [REASON]" per block
#
# The convention (docs/labs/README.md):
#   - A fenced block whose info string is `sh` is run; the blocks of a file
#     run in order, in one shell, which stops at the first failing command.
#     Any other fence (```console, ```text, none) is never run.
#   - An HTML comment on the last non-blank line before the fence changes
#     that for one block:
#       <!-- doc-test: host -->           run on the host, from the top of a
#                                         copy of the source tree
#       <!-- doc-test: skip REASON -->    not run (REASON is required)
#       <!-- doc-test: guest -->          the default: run in the VM
#
# The script calls `__doc_block N LINE` before block N (at LINE of the
# file) and `__doc_skip N LINE WHERE REASON` for a block it leaves out; the
# caller defines both.  A malformed directive or an unterminated block is
# an error: the message on stderr, exit status 2.

function trim(s) {
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

function q(s) {		# single-quote for sh
	gsub(/'/, "'\\''", s)
	return "'" s "'"
}

function bad(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	err = 1
}

BEGIN {
	if (mode != "guest" && mode != "host" && mode != "list") {
		print "doc-blocks.awk: mode must be guest, host or list" > "/dev/stderr"
		exit 2
	}
	infence = 0; last = ""; n = 0; err = 0
}

# inside a fence: copy the block's lines, or look for its end
infence {
	line = $0
	if (line ~ /^[ \t]*(```|~~~)/) {
		t = trim(line)
		if (substr(t, 1, length(fence)) == fence && trim(substr(t, length(fence) + 1)) ~ /^[`~]*$/) {
			infence = 0
			if (run)
				print ""
			last = ""
			next
		}
	}
	if (run) {
		# strip the fence's own indentation (blocks inside list items)
		if (indent != "" && index(line, indent) == 1)
			line = substr(line, length(indent) + 1)
		print line
	}
	next
}

# a fence opens
/^[ \t]*(```|~~~)/ {
	indent = $0
	sub(/[`~].*/, "", indent)
	t = trim($0)
	match(t, /^(`+|~+)/)
	fence = substr(t, 1, RLENGTH)
	info = trim(substr(t, RLENGTH + 1))
	sub(/[ \t{].*/, "", info)
	infence = 1
	startline = FNR
	run = 0
	if (info != "sh") {
		last = ""
		next
	}
	n++
	where = "guest"; reason = ""
	if (last ~ /^<!--[ \t]*doc-test:/) {
		d = last
		sub(/^<!--[ \t]*doc-test:[ \t]*/, "", d)
		if (d !~ /-->$/) {
			bad("doc-test comment must be on one line: " last)
		}
		sub(/[ \t]*-->$/, "", d)
		split(d, w, /[ \t]+/)
		where = w[1]
		reason = trim(substr(d, length(where) + 1))
		if (where == "skip" && reason == "")
			bad("doc-test: skip needs a reason")
		else if (where != "skip" && where != "host" && where != "guest")
			bad("unknown doc-test directive '" where "' (host, guest or skip REASON)")
		else if (where != "skip" && reason != "")
			bad("doc-test: " where " takes no argument")
	} else if (last ~ /doc-test/) {
		bad("a doc-test comment looks like <!-- doc-test: host|guest|skip REASON -->")
	}
	if (mode == "list") {
		printf "%d %s%s\n", startline, where, (reason != "" ? " " reason : "")
	} else if (where == mode) {
		run = 1
		printf "__doc_block %d %d\n", n, startline
	} else {
		printf "__doc_skip %d %d %s %s\n", n, startline, where, q(where == "skip" ? reason : "runs on the " where)
	}
	last = ""
	next
}

# remember the last non-blank line outside fences
/[^ \t]/ { last = trim($0) }

END {
	if (infence) {
		printf "%s:%d: the block opened here is never closed\n", FILENAME, startline > "/dev/stderr"
		exit 2
	}
	if (err)
		exit 2
}
