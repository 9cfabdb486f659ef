/* defspend/export.h - symbol visibility for the public API. */
#ifndef DEFSPEND_EXPORT_H
#define DEFSPEND_EXPORT_H

#if defined(DS_BUILDING_LIBRARY) && defined(__GNUC__)
#define DS_API __attribute__((visibility("default")))
#else
#define DS_API
#endif

#if defined(__GNUC__)
#define DS_WUR __attribute__((warn_unused_result))
#else
#define DS_WUR
#endif

#endif
