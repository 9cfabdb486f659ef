/* defspend/file.h - safe file replacement for library users and the tool.
 *
 * Every file defspend writes (the store, --output files, chart scripts,
 * reports) is written the same way: a temporary file beside the target,
 * written and synced, renamed over the target, then the directory synced.
 * A reader sees the old file or the new one, never a part of either.
 */
#ifndef DEFSPEND_FILE_H
#define DEFSPEND_FILE_H

#include <stddef.h>

#include "defspend/error.h"
#include "defspend/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Replace path with buf[0..len) atomically: a temporary file
 * DIR/.NAME.XXXXXX in the target's directory, written and fsynced, given
 * the mode of the file it replaces (else 0666 & ~umask), renamed over
 * path, then the directory fsynced.  On failure path is unchanged and no
 * temporary file is left; the error names path ("cannot create: ...",
 * "cannot write: ...") or its directory ("cannot sync the directory:
 * ..."; the new file is then in place, only its durability in doubt). */
DS_API DS_WUR ds_status ds_file_write_atomic(const char *path,
                                             const void *buf, size_t len,
                                             ds_error *err);

/* mkdir -p: create dir and its missing parents (mode 0777 & ~umask). */
DS_API DS_WUR ds_status ds_file_mkdir_p(const char *dir, ds_error *err);

#ifdef __cplusplus
}
#endif

#endif
