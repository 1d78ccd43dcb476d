/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef PRV_GITREPO_H
#define PRV_GITREPO_H

struct git_repository;

/*
 * The one way prereview opens a git repository (libgit2): read-only.
 * Nothing reaches the disk: its object stores take no write and touch no
 * file (libgit2 would freshen an object it finds again by setting the
 * mtime of its pack), and what libgit2 writes (the trees and blobs made
 * while applying patches) goes to an in-memory store, dropped with the
 * repository. Its work tree, index and refs are only read.
 *
 * libgit2 must be initialised (the program does it once, in main()).
 */

/*
 * Open the repository at `dir` or around it, as git -C does, into *out
 * (git_repository_free() it). PRV_EIO with "'<dir>' is not a git
 * repository" when there is none, or a message naming `dir` and libgit2's
 * reason when it cannot be made read-only.
 */
int prv_git_open(struct git_repository **out, const char *dir);

#endif
