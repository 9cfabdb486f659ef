/* store_snapshot.h - a binary snapshot of a layered store's observations
 * and query index (store_snapshot.c).  Not installed. */
#ifndef DS_STORE_SNAPSHOT_H
#define DS_STORE_SNAPSHOT_H

#include "store_internal.h"

/* What a snapshot stands for: the layers as given, and every file they
 * read with its identity now (device, inode, size, times in ns). */
typedef struct ds__snap_key {
    char *text;   /* the description; a snapshot is used when its own is
                     byte for byte the same */
    size_t len;
    uint64_t bytes; /* the files' total size */
    char name[4200]; /* the snapshot's path */
} ds__snap_key;

/* The key of the layers l as they are now; 0 when there is none (the
 * cache is off, no cache directory, a directory cannot be read, a
 * symbolic link: the load itself says what is wrong). */
int ds__snap_key_make(const ds_store_layers *l, ds__snap_key *k);
void ds__snap_key_free(ds__snap_key *k);

/* Fill s (empty) with the observations and query index of k's snapshot:
 * 1 when done; 0 when there is no valid snapshot (s untouched). */
int ds__snap_load(ds_store *s, const ds__snap_key *k);

/* Write the snapshot of s, just loaded from the layers l whose key before
 * the load was k, if the files are still as k says.  Silent on every
 * failure. */
void ds__snap_save(const ds_store *s, const ds_store_layers *l,
                   const ds__snap_key *k);

#endif
