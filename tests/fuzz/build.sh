#!/bin/sh
# build.sh [BUILDDIR] - configure and build the fuzz harnesses with clang,
# libFuzzer, AddressSanitizer and UBSan (default BUILDDIR: build-fuzz).
set -eu
cd "$(dirname "$0")/../.."
b=${1:-build-fuzz}
if [ ! -d "$b" ]; then
    CC=clang meson setup "$b" -Dfuzzing=true -Dbuildtype=debugoptimized
fi
ninja -C "$b" $(cd "$b" && ninja -t targets all | sed -n 's|^\(tests/fuzz/fuzz_[a-z_]*\): .*|\1|p' | sort -u)
