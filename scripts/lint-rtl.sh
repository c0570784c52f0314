#!/usr/bin/env bash
# verilator --lint-only -Wall on every module of an RTL folder (default: rtl/), each as the
# top with its default parameters, with all the folder's packages, its include/ folder and
# the folder itself as the library its submodules come from. Any warning fails. Waivers
# live in the RTL itself, each with a comment saying why.
set -euo pipefail
dir=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../rtl" && pwd)}
shopt -s nullglob
packages=("$dir"/*_pkg.sv)
status=0
count=0
# Twice: as every build sees the RTL, and with the cover points of the coverage flavour
# (+define+SAILSIM_COVERAGE, with that flavour's one waiver: rtl/CMakeLists.txt says why).
for file in "$dir"/*.sv; do
  [[ $file == *_pkg.sv ]] && continue
  top=$(basename "$file" .sv)
  count=$((count + 1))
  for flavour in default coverage; do
    extra=()
    [ $flavour = default ] || extra=(+define+SAILSIM_COVERAGE -Wno-SYNCASYNCNET)
    if ! out=$(verilator --lint-only -Wall "${extra[@]}" -I"$dir/include" -y "$dir" "${packages[@]}" "$file" \
                 --top-module "$top" 2>&1); then
      printf 'lint: %s (%s) FAILED\n%s\n' "$top" "$flavour" "$out"
      status=1
    else
      printf 'lint: %s (%s) clean\n' "$top" "$flavour"
    fi
  done
done
# The packages on their own, too (later packages may use earlier ones): they must be clean
# apart from the waivers they document.
if [ "${#packages[@]}" -gt 0 ]; then
  verilator --lint-only -Wall -I"$dir/include" "${packages[@]}" >/dev/null 2>&1 \
    || { echo "lint: packages FAILED"; status=1; }
fi
[ "$count" -gt 0 ] || { echo "lint: no modules in $dir"; exit 1; }
exit $status
