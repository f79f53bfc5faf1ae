#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# README.md's host blocks (doc-test: host; building the module), in order,
# from a copy of the source tree.  Its VM blocks run in tests/docs/readme.sh.
# timeout: 300
. "$SNULL_ROOT/host-tests/lib.inc"

run_doc_host README.md
