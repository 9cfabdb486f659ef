/* defspend/defspend.h - umbrella header for libdefspend. */
#ifndef DEFSPEND_DEFSPEND_H
#define DEFSPEND_DEFSPEND_H

#include "defspend/amount.h"
#include "defspend/bridge.h"
#include "defspend/chart.h"
#include "defspend/compare.h"
#include "defspend/convert.h"
#include "defspend/country.h"
#include "defspend/date.h"
#include "defspend/error.h"
#include "defspend/export.h"
#include "defspend/fetch.h"
#include "defspend/fetch_cache.h"
#include "defspend/file.h"
#include "defspend/format.h"
#include "defspend/import.h"
#include "defspend/indicator.h"
#include "defspend/nato2035.h"
#include "defspend/plot.h"
#include "defspend/project.h"
#include "defspend/report.h"
#include "defspend/revisions.h"
#include "defspend/scenario.h"
#include "defspend/select.h"
#include "defspend/sensitivity.h"
#include "defspend/store.h"
#include "defspend/table.h"
#include "defspend/version.h"

#endif
