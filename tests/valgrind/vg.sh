#!/bin/sh
# vg.sh PROGRAM ARGS... - the exe_wrapper of the `valgrind` test setup
# (tests/valgrind/meson.build): a compiled program (ELF) runs under
# valgrind memcheck, failing with status 99 on any error or definite /
# indirect leak; a script runs as it is (the CLI scripts put valgrind in
# front of defspend themselves through DS_GOLDEN_WRAPPER).
if head -c 4 "$1" 2>/dev/null | grep -q ELF; then
    exec valgrind -q --error-exitcode=99 --leak-check=full \
        --suppressions="$(dirname "$0")/glibc-locale.supp" \
        --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect \
        --track-origins=yes "$@"
fi
exec "$@"
