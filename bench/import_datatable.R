# import_datatable.R - the import task in R data.table: fread, keep 5
# indicators, melt to long form dropping empty cells, fwrite a tidy CSV
# (country code, indicator code, year, value).
# usage: Rscript import_datatable.R THREADS WDICSV.csv OUT.csv
suppressPackageStartupMessages(library(data.table))
a <- commandArgs(trailingOnly = TRUE)
setDTthreads(as.integer(a[1]))
keep <- c("NY.GDP.MKTP.CD", "NY.GDP.MKTP.CN", "MS.MIL.XPND.CD",
          "MS.MIL.XPND.GD.ZS", "SP.POP.TOTL")
dt <- fread(a[2], header = TRUE, showProgress = FALSE)
dt <- dt[`Indicator Code` %in% keep]
long <- melt(dt, id.vars = 1:4, variable.name = "year",
             value.name = "value", na.rm = TRUE)
fwrite(long[, .(`Country Code`, `Indicator Code`, year, value)], a[3])
