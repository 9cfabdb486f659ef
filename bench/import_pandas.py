#!/usr/bin/env python3
"""import_pandas.py - the import task in pandas, as a notebook would do it:
read_csv, keep 5 indicators, melt to long form, drop empty cells, write a
tidy CSV (country code, indicator code, year, value).
usage: import_pandas.py WDICSV.csv OUT.csv"""
import sys

import pandas as pd

KEEP = ["NY.GDP.MKTP.CD", "NY.GDP.MKTP.CN", "MS.MIL.XPND.CD",
        "MS.MIL.XPND.GD.ZS", "SP.POP.TOTL"]

df = pd.read_csv(sys.argv[1])
df = df[df["Indicator Code"].isin(KEEP)]
long = df.melt(id_vars=["Country Name", "Country Code", "Indicator Name",
                        "Indicator Code"], var_name="year", value_name="value")
long = long.dropna(subset=["value"])
long[["Country Code", "Indicator Code", "year", "value"]].to_csv(
    sys.argv[2], index=False)
