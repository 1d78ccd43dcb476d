/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_MSGID_H
#define PRV_MSGID_H

/*
 * Message-ids. One cap for every reader of them: an id longer than an
 * RFC 5322 line (998 bytes) is not one.
 */
#define PRV_MSGID_MAX 998

#endif
