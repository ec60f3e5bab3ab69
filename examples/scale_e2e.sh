#!/bin/bash
# Issue 18, "nothing else gets slower": export, agree and import end to end
# on the million-paragraph corpus (examples/scale.rs), two builds in
# alternating runs, three rounds; wall time and peak RSS of each command.
#
#   examples/scale_e2e.sh NEW_BIN OLD_BIN CORPUS LABELS
#
# LABELS is read, not changed (imports go to temp dirs).
set -eu
NEW=$1 OLD=$2 C=$3 L=$4
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
for round in 1 2 3; do
  for who in new old; do
    B=$NEW; [ "$who" = old ] && B=$OLD
    /usr/bin/time -f "$who export %e s %M KB" "$B" --corpus "$C" --labels "$L" --quiet export -o "$T/export-$who.jsonl" 2>&1 | tail -1
    /usr/bin/time -f "$who agree %e s %M KB" "$B" --corpus "$C" --labels "$L" --quiet agree --json 2>&1 >"$T/agree-$who.json" | tail -1
    rm -rf "$T/import-$who" && mkdir -p "$T/import-$who" && cp "$L/schema.toml" "$T/import-$who/"
    /usr/bin/time -f "$who import %e s %M KB" "$B" --corpus "$C" --labels "$T/import-$who" --quiet import "$T/export-$who.jsonl" 2>&1 | tail -1
  done
done
cmp "$T/export-new.jsonl" "$T/export-old.jsonl" && echo "export: byte-identical"
cmp "$T/agree-new.json" "$T/agree-old.json" && echo "agree: byte-identical"
