/* version.c - the version of the library actually linked (version.h). */
#include "defspend/version.h"

const char *
ds_version(void)
{
    return DS_VERSION_STRING;
}
