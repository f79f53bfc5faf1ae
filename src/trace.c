// SPDX-License-Identifier: GPL-2.0
/* snull: instantiate the tracepoints declared in snull_trace.h. */
#define CREATE_TRACE_POINTS
#include "snull_trace.h"
