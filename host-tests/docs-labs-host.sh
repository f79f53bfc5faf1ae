#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The host blocks (doc-test: host) of the labs that read the driver's
# sources or build on the host, in order, from a copy of the source tree.
# Their VM blocks run in tests/docs/08-bql.sh, tests/docs/09-page-pool.sh,
# tests/docs/11-xdp.sh and tests/docs/12-rss.sh.
# timeout: 60
. "$SNULL_ROOT/host-tests/lib.inc"

run_doc_host docs/labs/08-bql.md
run_doc_host docs/labs/09-page-pool.md
run_doc_host docs/labs/11-xdp.md
run_doc_host docs/labs/12-rss.md
