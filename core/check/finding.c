// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base/error.h"
#include "core/base/util.h"
#include "core/check/finding.h"

void prv_findings_init(struct prv_findings *f)
{
	memset(f, 0, sizeof(*f));
	prv_arena_init(&f->arena);
}

void prv_findings_release(struct prv_findings *f)
{
	free(f->items);
	free(f->series);
	free(f->tcp);
	prv_arena_release(&f->arena);
	memset(f, 0, sizeof(*f));
}

void prv_findings_add(struct prv_findings *f, const struct prv_finding *x)
{
	struct prv_finding *d;

	PRV_ALLOC_GROW(f->items, f->nr + 1, f->alloc);
	d = &f->items[f->nr++];
	*d = *x;
	d->id = prv_arena_strdup(&f->arena, x->id);
	d->file = x->file ? prv_arena_strdup(&f->arena, x->file) : NULL;
	d->message = prv_arena_strdup(&f->arena, x->message ? x->message : "");
	d->hint = x->hint ? prv_arena_strdup(&f->arena, x->hint) : NULL;
	d->note = x->note ? prv_arena_strdup(&f->arena, x->note) : NULL;
}

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
