#!/bin/sh
# Install defspend into a temporary prefix and use it as an installed user
# would (issue 13, 1): the installed `defspend scenarios` starts without
# LD_LIBRARY_PATH or ldconfig (its run path finds the library), reads the
# installed datasets, and the README's library example compiles with
# pkg-config against the installed headers and library and runs.
# usage: tests/install/check_install.sh [BUILDDIR]   (run by .ci/run)
set -eu
cd "$(dirname "$0")/../.."
top=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/opt/defspend
meson setup "$tmp/build" --prefix="$prefix" -Dtests=false >/dev/null
meson compile -C "$tmp/build" >/dev/null
meson install -C "$tmp/build" >/dev/null
env -u LD_LIBRARY_PATH -u DEFSPEND_DATA HOME="$tmp" \
    "$prefix/bin/defspend" scenarios >"$tmp/out.txt"
grep -q '^Japan (JPN): defense spending at shares of GDP' "$tmp/out.txt"
grep -q '3.5%  \$140.9 bn' "$tmp/out.txt"
# bash completion under the prefix, loadable by bash
comp=$(find "$prefix" -path '*bash-completion/completions/defspend' | head -n 1)
[ -n "$comp" ] && bash -n "$comp"
# the README's library example, datadir pointed at the installed data
awk '/^## Library/{f=1} f&&/^```c/{g=1;next} g&&/^```/{exit} g' README.md |
    sed "s|/usr/local/share/defspend|$prefix/share/defspend|" >"$tmp/example.c"
pc=$(find "$prefix" -name defspend.pc | head -n 1)
PKG_CONFIG_PATH=$(dirname "$pc") cc -Wall -Wextra -Werror -o "$tmp/example" \
    "$tmp/example.c" $(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --cflags --libs defspend)
LD_LIBRARY_PATH=$(dirname "$(find "$prefix" -name 'libdefspend.so.0' | head -n 1)") \
    "$tmp/example" >"$tmp/ex.txt"
grep -q '^3.5% of 2024 GDP: 1.409e+11 US\$' "$tmp/ex.txt"
grep -q "^2023: 1.14% of GDP (World Bank WDI's published share of GDP)" "$tmp/ex.txt"
echo "ok: installed defspend runs from $prefix; completion in $comp; the README example compiles and runs"
