/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_TCPJSON_H
#define PRV_TCPJSON_H

#include "core/base/json.h"
#include "core/report/report.h"

/*
 * The report's "tcp_impact" key: one object per patch that touches TCP,
 * {"version", "patch", "files", "functions", "groups": [{"name",
 * "reason", "todo", "lines"}], "mptcp_uses": [{"symbol", "file", "line"}]}
 * ("mptcp_uses" only when a repository was searched).
 */
void prv_tcp_impact_json(struct prv_json *j, const struct prv_report *r);

#endif
