/* defspend/version.h - library version. */
#ifndef DEFSPEND_VERSION_H
#define DEFSPEND_VERSION_H

#include "defspend/export.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DS_VERSION_MAJOR 0
#define DS_VERSION_MINOR 1
#define DS_VERSION_PATCH 0
#define DS_VERSION_STRING "0.1.0"

/* The version of the library actually linked. */
DS_API const char *ds_version(void);

#ifdef __cplusplus
}
#endif

#endif
