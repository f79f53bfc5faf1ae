# SPDX-License-Identifier: GPL-2.0
#
# tests/bench/report.awk - make bench's table, from the raw CSV of
# tests/bench/bench.inc (group,case,driver,param,metric,rep,value,unit).
#
#   awk -F, -f report.awk [-v profile=full|smp|smoke] [-v title=TEXT]
#           [-v summary=FILE] [-v plotdat=FILE] [-v verdicts=FILE] raw.csv
#
# Prints one table: rows are cases, columns snull, veth and snull/veth
# (medians over the repetitions; "+-" is the spread, (max - min) / median),
# then the issue's targets with PASS/FAIL (profile full only: the smoke
# profile's counts are too small and the smp profile is wall-clock).
# summary: one CSV line per measurement (n, median, min, max).  plotdat:
# the pktgen rates by case for gnuplot.  verdicts: one line per target.

BEGIN {
	if (profile == "")
		profile = "full"
	nkeys = 0
}

# ---- input ----------------------------------------------------------------------

NF >= 8 && $1 != "group" {
	k = $1 SUBSEP $2 SUBSEP $3 SUBSEP $4 SUBSEP $5
	if (!(k in n)) {
		order[++nkeys] = k
		n[k] = 0
	}
	vals[k, ++n[k]] = $7 + 0
	unit[k] = $8
	if (!(($1, $2) in seen)) {
		seen[$1, $2] = 1
		cases[$1, ++ncases[$1]] = $2
	}
	if (!(($1, $4) in seenp)) {
		seenp[$1, $4] = 1
		params[$1, ++nparams[$1]] = $4
	}
}

# ---- statistics -------------------------------------------------------------------

function stats(k,    i, j, t, m, a) {
	m = n[k]
	for (i = 1; i <= m; i++)
		a[i] = vals[k, i]
	for (i = 2; i <= m; i++) {	# insertion sort, m is small
		t = a[i]
		for (j = i - 1; j >= 1 && a[j] > t; j--)
			a[j + 1] = a[j]
		a[j + 1] = t
	}
	smin[k] = a[1]
	smax[k] = a[m]
	if (m % 2)
		smed[k] = a[(m + 1) / 2]
	else
		smed[k] = (a[m / 2] + a[m / 2 + 1]) / 2
}

function key(g, c, d, p, m) {
	return g SUBSEP c SUBSEP d SUBSEP p SUBSEP m
}

function has(g, c, d, p, m) {
	return (key(g, c, d, p, m) in n)
}

function med(g, c, d, p, m) {
	return smed[key(g, c, d, p, m)]
}

function spread(k) {
	if (n[k] < 2 || smed[k] == 0)
		return ""
	return sprintf("+-%.1f%%", (smax[k] - smin[k]) * 100 / smed[k])
}

# ---- formatting -------------------------------------------------------------------

function si(v) {
	if (v >= 1e6)
		return sprintf("%.2fM", v / 1e6)
	if (v >= 1e3)
		return sprintf("%.1fk", v / 1e3)
	return sprintf("%.0f", v)
}

function words(c,    w, i, nw, s, napi, zc, coal, book, off, gro, xdp, q) {
	if (c == "veth")
		return "veth"
	nw = split(c, w, "-")
	napi = "NAPI"; zc = "copy"; coal = ""; book = "wire"; off = ""; gro = ""; xdp = ""; q = ""
	for (i = 1; i <= nw; i++) {
		if (w[i] == "xdpdrop") xdp = "XDP_DROP"
		else if (w[i] == "xdptx") xdp = "XDP_TX"
		else if (w[i] == "xdpredir") xdp = "XDP_REDIRECT to itself"
	}
	if (w[1] == "veth")
		return "veth" (xdp != "" ? ", " xdp : "")
	if (xdp != "")
		xdp = ", " xdp
	for (i = 1; i <= nw; i++) {
		if (w[i] == "irq") napi = "use_napi=0"
		else if (w[i] == "zc") zc = "zero-copy"
		else if (w[i] == "coal") coal = ", coalescing"
		else if (w[i] == "adapt") coal = ", adaptive"
		else if (w[i] == "book") book = "book"
		else if (w[i] == "offload") off = "+csum/SG"
		else if (w[i] == "late") off = off " (on after clone_skb)"
		else if (w[i] == "nogro") gro = ", GRO off"
		else if (w[i] == "nohash") gro = gro ", rxhash off"
		else if (w[i] == "nocb") gro = gro ", copybreak off"
		else if (w[i] ~ /^q[0-9]+$/) q = ", " substr(w[i], 2) " queue pair" (w[i] == "q1" ? "" : "s")
	}
	return napi ", " zc off ", " book coal gro xdp q
}

function cell(g, c, d, p, m, fmt,    k, s) {
	k = key(g, c, d, p, m)
	if (!(k in n))
		return "-"
	if (fmt == "si")
		s = si(smed[k])
	else
		s = sprintf(fmt, smed[k])
	if (spread(k) != "")
		s = s " " spread(k)
	return s
}

function row(label, a, b, r) {
	printf "  %-46s %16s %16s %8s\n", label, a, b, r
}

function ratio(a, b) {
	if (a == "" || b == "" || b + 0 == 0)
		return "-"
	return sprintf("%.2f", a / b)
}

function section(t) {
	printf "\n  %s\n", t
}

# ---- targets -------------------------------------------------------------------------

# verdict NAME VALUE LIMIT DETAIL [LE] [PROF]: PASS when VALUE >= LIMIT,
# or with LE when VALUE <= LIMIT (a latency ratio); judged in profile
# PROF only (default full)
function verdict(name, value, limit, detail, le, prof,    v, s) {
	if (prof == "")
		prof = "full"
	if (value == "") {
		v = "n/a"
		s = "(not measured)"
	} else if (profile != prof) {
		v = "n/a"
		s = sprintf("%.2fx (%s profile: not a target run)", value, profile)
	} else {
		v = (le ? value <= limit : value >= limit) ? "PASS" : "FAIL"
		s = sprintf("%.2fx", value)
	}
	printf "  [%s] %-52s %s %s\n", v, name, s, detail
	if (verdicts != "")
		printf "%s,%s,%s,%s\n", v, name, value, limit >verdicts
}

# ---- the table ----------------------------------------------------------------------

END {
	for (i = 1; i <= nkeys; i++)
		stats(order[i])

	if (summary != "") {
		print "group,case,driver,param,metric,n,median,min,max,unit" >summary
		for (i = 1; i <= nkeys; i++) {
			k = order[i]
			split(k, f, SUBSEP)
			printf "%s,%s,%s,%s,%s,%d,%s,%s,%s,%s\n", f[1], f[2], f[3], f[4], f[5],
				n[k], smed[k], smin[k], smax[k], unit[k] >summary
		}
	}

	if (title == "")
		title = "snull vs veth (" profile " profile)"
	printf "\n== %s ==\n", title
	printf "  %-46s %16s %16s %8s\n", "case", "snull", "veth", "ratio"

	# pktgen: every snull case against veth at the same size
	for (pi = 1; pi <= nparams["pktgen"]; pi++) {
		p = params["pktgen", pi]
		section("pktgen, " p "-byte frames: frames/s received (median of " n[key("pktgen", "veth", "veth", p, "rx_pps")] + 0 " runs)")
		vv = has("pktgen", "veth", "veth", p, "rx_pps") ? med("pktgen", "veth", "veth", p, "rx_pps") : ""
		for (ci = 1; ci <= ncases["pktgen"]; ci++) {
			c = cases["pktgen", ci]
			if (c == "veth" || !has("pktgen", c, "snull", p, "rx_pps"))
				continue
			sv = med("pktgen", c, "snull", p, "rx_pps")
			row(words(c), cell("pktgen", c, "snull", p, "rx_pps", "si"),
			    cell("pktgen", "veth", "veth", p, "rx_pps", "si"), ratio(sv, vv))
		}
	}
	# XDP: each snull case against veth with the same program
	if (ncases["xdp"]) {
		section("XDP, 64-byte frames: frames/s through a native program (median of " n[key("xdp", "veth-xdpdrop", "veth", "64", "rx_pps")] + 0 " runs)")
		for (ci = 1; ci <= ncases["xdp"]; ci++) {
			c = cases["xdp", ci]
			if (c ~ /^veth/ || !has("xdp", c, "snull", "64", "rx_pps"))
				continue
			vc = c
			sub(/.*-xdp/, "veth-xdp", vc)
			sv = med("xdp", c, "snull", "64", "rx_pps")
			vv = has("xdp", vc, "veth", "64", "rx_pps") ? med("xdp", vc, "veth", "64", "rx_pps") : ""
			row(words(c), cell("xdp", c, "snull", "64", "rx_pps", "si"),
			    cell("xdp", vc, "veth", "64", "rx_pps", "si"), ratio(sv, vv))
		}
	}
	# NAPI vs interrupts, the course's lesson
	first = 1
	for (pi = 1; pi <= nparams["pktgen"]; pi++) {
		p = params["pktgen", pi]
		for (ci = 1; ci <= ncases["pktgen"]; ci++) {
			c = cases["pktgen", ci]
			if (c !~ /^napi/)
				continue
			ic = c
			sub(/^napi/, "irq", ic)
			if (!has("pktgen", c, "snull", p, "rx_pps") || !has("pktgen", ic, "snull", p, "rx_pps"))
				continue
			if (first) {
				section("NAPI / use_napi=0 (pktgen frames/s, snull only)")
				first = 0
			}
			row(p "B " substr(words(c), 7), cell("pktgen", c, "snull", p, "rx_pps", "si"),
			    cell("pktgen", ic, "snull", p, "rx_pps", "si"),
			    ratio(med("pktgen", c, "snull", p, "rx_pps"), med("pktgen", ic, "snull", p, "rx_pps")))
		}
	}
	if (!first)
		printf "  %-46s %16s %16s\n", "", "(NAPI)", "(use_napi=0)"

	# queue pairs: each case against the same case with one queue pair
	if (ncases["queues"]) {
		section("queue pairs: 64-byte frames/s received, a pktgen thread per vCPU, 64 UDP flows (median of " n[key("queues", cases["queues", 1], "snull", "64", "rx_pps")] + 0 " runs)")
		for (ci = 1; ci <= ncases["queues"]; ci++) {
			c = cases["queues", ci]
			if (!has("queues", c, "snull", "64", "rx_pps"))
				continue
			c1 = c
			sub(/-q[0-9]+$/, "-q1", c1)
			qr = ""
			if (c1 != c && has("queues", c1, "snull", "64", "rx_pps"))
				qr = ratio(med("queues", c, "snull", "64", "rx_pps"), med("queues", c1, "snull", "64", "rx_pps"))
			row(words(c), cell("queues", c, "snull", "64", "rx_pps", "si"), "", qr)
		}
		printf "  %-46s %16s %16s %8s\n", "", "", "", "(vs q1)"
	}

	# scaling
	if (nparams["scale"]) {
		section("scaling: 64-byte frames/s received in total, N pairs at once")
		for (ci = 1; ci <= ncases["scale"]; ci++) {
			c = cases["scale", ci]
			if (c == "veth")
				continue
			for (pi = 1; pi <= nparams["scale"]; pi++) {
				p = params["scale", pi]
				if (!has("scale", c, "snull", p, "rx_pps"))
					continue
				vv = has("scale", "veth", "veth", p, "rx_pps") ? med("scale", "veth", "veth", p, "rx_pps") : ""
				row(p " pair(s), " words(c), cell("scale", c, "snull", p, "rx_pps", "si"),
				    cell("scale", "veth", "veth", p, "rx_pps", "si"),
				    ratio(med("scale", c, "snull", p, "rx_pps"), vv))
			}
		}
	}

	# TCP
	if (ncases["tcp"]) {
		section("TCP (iperf3, two netns; book: one netns): Gbit/s")
		for (pi = 1; pi <= nparams["tcp"]; pi++) {
			p = params["tcp", pi]
			vv = has("tcp", "veth", "veth", p, "gbps") ? med("tcp", "veth", "veth", p, "gbps") : ""
			for (ci = 1; ci <= ncases["tcp"]; ci++) {
				c = cases["tcp", ci]
				if (c == "veth" || !has("tcp", c, "snull", p, "gbps"))
					continue
				row("MTU " p ", " words(c), cell("tcp", c, "snull", p, "gbps", "%.2f"),
				    cell("tcp", "veth", "veth", p, "gbps", "%.2f"),
				    ratio(med("tcp", c, "snull", p, "gbps"), vv))
			}
		}
	}

	# latency
	if (ncases["ping"]) {
		vk = key("ping", "veth", "veth", "-", "rtt_avg_us")
		section("ping RTT, microseconds: avg (min/max), " med("ping", "veth", "veth", "-", "count") + 0 " pings")
		vs = (vk in n) ? sprintf("%d (%d/%d)", smed[vk], med("ping", "veth", "veth", "-", "rtt_min_us"), med("ping", "veth", "veth", "-", "rtt_max_us")) : "-"
		for (ci = 1; ci <= ncases["ping"]; ci++) {
			c = cases["ping", ci]
			if (c == "veth" || !has("ping", c, "snull", "-", "rtt_avg_us"))
				continue
			row(words(c), sprintf("%d (%d/%d)", med("ping", c, "snull", "-", "rtt_avg_us"),
				med("ping", c, "snull", "-", "rtt_min_us"), med("ping", c, "snull", "-", "rtt_max_us")),
			    vs, ratio(med("ping", c, "snull", "-", "rtt_avg_us"), (vk in n) ? smed[vk] : ""))
		}
	}

	# memory
	if (ncases["mem"]) {
		section("memory per pair, KiB (free pages incl. per-CPU lists; slab in brackets)")
		for (ci = 1; ci <= ncases["mem"]; ci++) {
			c = cases["mem", ci]
			for (pi = 1; pi <= nparams["mem"]; pi++) {
				p = params["mem", pi]
				if (!has("mem", c, "snull", p, "used_kib_per_pair"))
					continue
				a = sprintf("%d [%d]", med("mem", c, "snull", p, "used_kib_per_pair"), med("mem", c, "snull", p, "slab_kib_per_pair"))
				b = has("mem", c, "veth", p, "used_kib_per_pair") ? sprintf("%d [%d]", med("mem", c, "veth", p, "used_kib_per_pair"), med("mem", c, "veth", p, "slab_kib_per_pair")) : "-"
				rr = "-"
				if (has("mem", c, "veth", p, "used_kib_per_pair") && med("mem", c, "veth", p, "used_kib_per_pair") > 0)
					rr = ratio(med("mem", c, "snull", p, "used_kib_per_pair"), med("mem", c, "veth", p, "used_kib_per_pair"))
				row(c ", MTU " p, a, b, rr)
			}
		}
	}

	# clone_skb
	if (ncases["clone"]) {
		section("pktgen clone_skb (shared skbs): clone_skb refused, or frames intact")
		for (ci = 1; ci <= ncases["clone"]; ci++) {
			c = cases["clone", ci]
			d = (c == "veth") ? "veth" : "snull"
			s = ""
			if (has("clone", c, d, "1500", "clone_refused"))
				s = (med("clone", c, d, "1500", "clone_refused") == 1) ? "clone_skb refused; " : "clone_skb ACCEPTED (bad); "
			if (c ~ /late/ || !has("clone", c, d, "1500", "clone_refused"))
				s = s "clone_skb 16: "
			else
				s = s "clone_skb 0: "
			if (has("clone", c, d, "1500", "intact_frames"))
				s = s med("clone", c, d, "1500", "intact_frames") " frames " (med("clone", c, d, "1500", "ok") == 1 ? "intact" : "NOT INTACT")
			if (c ~ /zc/ && has("clone", c, d, "1500", "zc_cloned"))
				s = s "; " med("clone", c, d, "1500", "zc_cloned") " of " med("clone", c, d, "1500", "received") " cloned"
			printf "  %-46s %s\n", (d == "veth" ? "veth" : words(c)), s
		}
	}

	# ---- targets ----
	section("targets (issue 7)")
	best = ""; bestc = ""; cbest = ""; cbestc = ""
	vv = has("pktgen", "veth", "veth", "64", "rx_pps") ? med("pktgen", "veth", "veth", "64", "rx_pps") : ""
	for (ci = 1; ci <= ncases["pktgen"]; ci++) {
		c = cases["pktgen", ci]
		if (c == "veth" || !has("pktgen", c, "snull", "64", "rx_pps"))
			continue
		v = med("pktgen", c, "snull", "64", "rx_pps")
		if (best == "" || v > best) { best = v; bestc = c }
		if (c !~ /zc/ && (cbest == "" || v > cbest)) { cbest = v; cbestc = c }
	}
	verdict("fastest snull mode, 64B pktgen >= 1.0x veth", (best != "" && vv != "") ? best / vv : "", 1.0,
		bestc != "" ? "(" words(bestc) ")" : "")
	verdict("copy mode, 64B pktgen >= 0.7x veth", (cbest != "" && vv != "") ? cbest / vv : "", 0.7,
		cbestc != "" ? "(" words(cbestc) ")" : "")
	if (has("pktgen", "napi", "snull", "64", "rx_pps") && vv != "")
		printf "  %6s %-52s %.2fx\n", "", "  default copy mode (NAPI, no coalescing)", med("pktgen", "napi", "snull", "64", "rx_pps") / vv
	tb = ""; tbc = ""
	tv = has("tcp", "veth", "veth", "1500", "gbps") ? med("tcp", "veth", "veth", "1500", "gbps") : ""
	for (ci = 1; ci <= ncases["tcp"]; ci++) {
		c = cases["tcp", ci]
		if (c == "veth" || c ~ /book/ || !has("tcp", c, "snull", "1500", "gbps"))
			continue
		v = med("tcp", c, "snull", "1500", "gbps")
		if (tb == "" || v > tb) { tb = v; tbc = c }
	}
	verdict("TCP MTU 1500, wire mode (fastest) >= 0.8x veth", (tb != "" && tv != "") ? tb / tv : "", 0.8,
		tbc != "" ? "(" words(tbc) ")" : "")
	nv = ""
	if (has("pktgen", "napi", "snull", "64", "rx_pps") && has("pktgen", "irq", "snull", "64", "rx_pps"))
		nv = med("pktgen", "napi", "snull", "64", "rx_pps") / med("pktgen", "irq", "snull", "64", "rx_pps")
	verdict("NAPI >= 1.5x use_napi=0 (64B pktgen, copy)", nv, 1.5, "")
	print ""

	# issue 15: the defaults against veth, and adaptive moderation (DIM),
	# the candidate for a faster default, with the latency it costs
	section("targets (issue 15)")
	dv = (has("pktgen", "napi", "snull", "64", "rx_pps") && vv != "") ? med("pktgen", "napi", "snull", "64", "rx_pps") / vv : ""
	verdict("defaults (NAPI, copy, wire), 64B pktgen >= 1.0x veth", dv, 1.0, "")
	av = (has("pktgen", "napi-adapt", "snull", "64", "rx_pps") && vv != "") ? med("pktgen", "napi-adapt", "snull", "64", "rx_pps") / vv : ""
	verdict("adaptive-rx/tx on, 64B pktgen >= 1.0x veth", av, 1.0, "(not the default)")
	lv = ""
	if (has("ping", "napi-adapt", "snull", "-", "rtt_avg_us") && has("ping", "napi", "snull", "-", "rtt_avg_us"))
		lv = med("ping", "napi-adapt", "snull", "-", "rtt_avg_us") / med("ping", "napi", "snull", "-", "rtt_avg_us")
	verdict("adaptive-rx/tx on, ping RTT <= 1.1x no coalescing", lv, 1.1, "", 1)
	xv = ""; xb = ""; xbc = ""
	for (ci = 1; ci <= ncases["xdp"]; ci++) {
		c = cases["xdp", ci]
		if (c ~ /^veth/ || c !~ /xdpdrop/ || !has("xdp", c, "snull", "64", "rx_pps"))
			continue
		v = med("xdp", c, "snull", "64", "rx_pps")
		if (xb == "" || v > xb) { xb = v; xbc = c }
	}
	if (xb != "" && has("xdp", "veth-xdpdrop", "veth", "64", "rx_pps"))
		xv = xb / med("xdp", "veth-xdpdrop", "veth", "64", "rx_pps")
	verdict("XDP_DROP, 64B pktgen >= 1.0x veth's native XDP_DROP", xv, 1.0,
		xbc != "" ? "(" words(xbc) ")" : "")
	qv = ""
	if (has("queues", "napi-q2", "snull", "64", "rx_pps") && has("queues", "napi-q1", "snull", "64", "rx_pps"))
		qv = med("queues", "napi-q2", "snull", "64", "rx_pps") / med("queues", "napi-q1", "snull", "64", "rx_pps")
	verdict("2 queue pairs receive more than 1 (2 vCPUs, 64B)", qv, 1.0, "(2-vCPU boot)", 0, "smp")
	print ""

	if (plotdat != "") {
		print "# case 64:median min max 1500:median min max (frames/s)" >plotdat
		for (ci = 1; ci <= ncases["pktgen"]; ci++) {
			c = cases["pktgen", ci]
			d = (c == "veth") ? "veth" : "snull"
			line = "\"" (c == "veth" ? "veth" : c) "\""
			for (pi = 1; pi <= nparams["pktgen"]; pi++) {
				k = key("pktgen", c, d, params["pktgen", pi], "rx_pps")
				if (k in n)
					line = line " " smed[k] " " smin[k] " " smax[k]
				else
					line = line " - - -"
			}
			print line >plotdat
		}
	}
}
