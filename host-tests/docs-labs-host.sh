#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The host blocks (doc-test: host) of the labs that read the driver's
# sources, in order, from a copy of the source tree.  Their VM blocks run
# in tests/docs/08-bql.sh and tests/docs/09-page-pool.sh.
# timeout: 60
. "$SNULL_ROOT/host-tests/lib.inc"

run_doc_host docs/labs/08-bql.md
run_doc_host docs/labs/09-page-pool.md
