/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_SERIESTEXT_H
#define PRV_SERIESTEXT_H

#include "core/base/buf.h"
#include "core/series/series.h"

/*
 * The text of prereview show, appended to `out`: every series of `in` as
 * one compact screen (title, author, then per version its form, what
 * changed since the version before, and one entry per patch with its
 * files and trailers), then the input warnings. Lines are cut or wrapped
 * at 80 columns.
 */
void prv_seriestext_write(struct prv_buf *out, const struct prv_input *in);

#endif
