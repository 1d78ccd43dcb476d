// SPDX-License-Identifier: GPL-2.0-or-later
#include <strings.h>

#include "core/base/error.h"
#include "core/base/util.h"
#include "core/check/finding.h"

const char *prv_severity_name(enum prv_severity s)
{
	switch (s) {
	case PRV_SEV_FAIL:
		return "fail";
	case PRV_SEV_WARN:
		return "warn";
	default:
		return "info";
	}
}

int prv_severity_parse(enum prv_severity *out, const char *s)
{
	static const struct {
		const char *name;
		enum prv_severity sev;
	} names[] = {
		{ "fail", PRV_SEV_FAIL }, { "error", PRV_SEV_FAIL },
		{ "warn", PRV_SEV_WARN }, { "warning", PRV_SEV_WARN },
		{ "info", PRV_SEV_INFO },
	};
	size_t i;

	for (i = 0; i < PRV_ARRAY_SIZE(names); i++) {
		if (!strcasecmp(s, names[i].name)) {
			*out = names[i].sev;
			return 0;
		}
	}
	return prv_error(PRV_EUSAGE, "unknown severity '%s'", s);
}
