#!/bin/sh
# Fails if the shared library exports a defined symbol not named ds_*.
# usage: check_symbols.sh NM LIBRARY
nm=$1
lib=$2
bad=$("$nm" -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | grep -v '^ds_' | grep -v '^_' || true)
if [ -n "$bad" ]; then
  echo "symbols exported without the ds_ prefix:"
  echo "$bad"
  exit 1
fi
count=$("$nm" -D --defined-only "$lib" | awk '$2 == "T" {print $3}' | grep -c '^ds_')
echo "ok: $count ds_* functions exported, nothing else"
[ "$count" -gt 0 ]
