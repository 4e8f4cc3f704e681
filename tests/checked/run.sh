#!/usr/bin/env bash
# Checked builds of the generated vectors: the ASan container-overflow
# annotations and the VV32_DEBUG preconditions (design.md, "Checked builds").
#
#   tests/checked/run.sh        build into $BUILD/checked/ and run every case
#
# Environment: GENDIR (generated), BUILD (build), CHECKED_CCS ("gcc clang-14"),
# CHECKED_TYPES ("i32 point str u32 u8"; buf also works), CHECKED_JOBS (nproc).
#
# One line per case ("ok   gcc  i32 after_push read_past: container-overflow
# reported", or "FAIL ..." with the evidence and a command to rerun it), then
# "checked builds: N cases, N passed"; exit 1 on any failure.
#
# Probes (tests/checked/probe.c; one per compiler, type and build; each runs
# its cases in child processes):
#   asan         -O1 -fsanitize=address       every scenario and action
#   asan /O2     -O2 -fsanitize=address       the inline push paths
#   /NO_ANNOTATE ASan + -DVV32_NO_ANNOTATE    past len is a clean plain read
#   /DEBUG       -DVV32_DEBUG, no sanitizer   the precondition aborts; every
#                                             scenario once (no false abort)
#   /DEBUG+asan  -DVV32_DEBUG under ASan      both together
# Static checks: nothing of either mode in the plain -O2 code; plain code
# identical with -DVV32_NO_ANNOTATE; callgrind count of a 1M push loop; the
# ASan detection for each compiler; the headers next to <sanitizer/*.h>.
set -eu

cd "$(dirname "$0")/../.."
GENDIR=${GENDIR:-generated}
BUILD=${BUILD:-build}
OUT=$BUILD/checked
HERE=tests/checked
CCS=${CHECKED_CCS:-gcc clang-14}
TYPES=${CHECKED_TYPES:-i32 point str u32 u8}
JOBS=${CHECKED_JOBS:-$(nproc 2>/dev/null || echo 2)}

# Scenario subsets for the -O2, the debug+ASan and the no-annotation builds.
O2_SCENARIOS="push push_slow push_grow push_unchecked emplace truncate pop"
NOANNOT_SCENARIOS="push push_unchecked emplace truncate clear pop failed_reserve append_src release adopt"
VARIANTS="asan asan_o2 noannot debug debug_asan"
ASAN_F="-fsanitize=address -fno-omit-frame-pointer"

label_of() { case $1 in clang*) echo clang ;; gcc*) echo gcc ;; *) basename "$1" ;; esac; }
cxx_of() { case $1 in clang*) echo "${1/clang/clang++}" ;; gcc*) echo "${1/gcc/g++}" ;; *) echo c++ ;; esac; }
variant_flags() {
   case $1 in
   asan) echo "-O1 -g $ASAN_F" ;;
   asan_o2) echo "-O2 -g $ASAN_F" ;;
   noannot) echo "-O1 -g $ASAN_F -DVV32_NO_ANNOTATE" ;;
   debug) echo "-O1 -g -DVV32_DEBUG" ;;
   debug_asan) echo "-O1 -g $ASAN_F -DVV32_DEBUG" ;;
   esac
}
variant_tag() {
   case $1 in
   asan) echo "" ;; asan_o2) echo "/O2" ;; noannot) echo "/NO_ANNOTATE" ;;
   debug) echo "/DEBUG" ;; debug_asan) echo "/DEBUG+asan" ;;
   esac
}

for cc in $CCS; do
   if ! command -v "$cc" >/dev/null 2>&1; then
      echo "checked builds: compiler $cc not found (make deps installs gcc and clang-14)" >&2
      exit 1
   fi
done

rm -rf "$OUT"
mkdir -p "$OUT/results" "$OUT/gen"

# One consistent copy of the generated sources for every build of this run.
cp "$GENDIR"/valvec32_common.[ch] "$OUT/gen/"
for t in $TYPES i32 str; do cp "$GENDIR/valvec32_$t".[ch] "$OUT/gen/"; done   # i32, str: static checks
GEN=$OUT/gen

# ---- build ------------------------------------------------------------------

# Objects every type of a build shares: the runtime and the test support.
build_shared() {   # build_shared CC VARIANT
   local cc=$1 var=$2 dir src
   dir=$OUT/$(label_of "$cc")/$var/shared
   mkdir -p "$dir"
   for src in "$GEN/valvec32_common.c" tests/support/*.c; do
      $cc -std=gnu99 $(variant_flags "$var") -DVV32_FAULT_INJECTION -I$GEN -Itests/support \
         -Wall -Wextra -c "$src" -o "$dir/$(basename "$src" .c).o" || return 1
   done >"$dir/build.log" 2>&1
}

# build_probe CC TYPE VARIANT: $OUT/<cc>/<variant>/<type>/probe
build_probe() {
   local cc=$1 t=$2 var=$3 dir flags wrap up
   dir=$OUT/$(label_of "$cc")/$var/$t
   flags="-std=gnu99 $(variant_flags "$var") -DVV32_FAULT_INJECTION -I$GEN -Itests/support"
   up=$(echo "$t" | tr '[:lower:]' '[:upper:]')
   # every realloc/free of the type's allocator checks that nothing is poisoned
   if [ "$t" = u32 ]; then
      wrap=-Wl,--wrap=count_realloc,--wrap=count_free
   else
      wrap=-Wl,--wrap=vv32_realloc_,--wrap=vv32_free_
   fi
   mkdir -p "$dir"
   {
      echo "+ $cc $flags"
      # the probe is warning-clean; the generated code is built as the
      # Makefile builds it, its warnings kept in this log
      $cc $flags -Wall -Wextra -Wshadow -Werror -DPROBE_"$up" -c $HERE/probe.c -o "$dir/probe.o" &&
         $cc $flags -Wall -Wextra -c "$GEN/valvec32_$t.c" -o "$dir/valvec32_$t.o" &&
         $cc $flags "$dir"/*.o "$OUT/$(label_of "$cc")/$var/shared"/*.o $wrap -o "$dir/probe"
   } >"$dir/build.log" 2>&1
}

# run_jobs CMD...: runs CMD with the words of each line of stdin as its
# arguments, JOBS at a time
run_jobs() {
   local -a pids=()
   local line p
   while read -r line; do
      # shellcheck disable=SC2086
      "$@" $line &
      pids+=("$!")
      if [ ${#pids[@]} -ge "$JOBS" ]; then
         wait "${pids[0]}" || true
         pids=("${pids[@]:1}")
      fi
   done
   for p in "${pids[@]}"; do wait "$p" || true; done
}

echo "checked builds: building the probes ($CCS; $TYPES) in $OUT/"
for cc in $CCS; do for var in $VARIANTS; do echo "$cc $var"; done; done | run_jobs build_shared
for cc in $CCS; do for var in $VARIANTS; do for t in $TYPES; do echo "$cc $t $var"; done; done; done |
   run_jobs build_probe
fail_build=0
for cc in $CCS; do
   for var in $VARIANTS; do
      for t in $TYPES; do
         d=$OUT/$(label_of "$cc")/$var/$t
         if [ ! -x "$d/probe" ]; then
            echo "FAIL build $d:"
            grep -E 'error|undefined' "$d/build.log" | head -20 | sed 's/^/     /'
            fail_build=1
         fi
      done
   done
done
if [ $fail_build -ne 0 ]; then
   echo "checked builds: the probes did not build"
   exit 1
fi

# ---- LeakSanitizer ------------------------------------------------------------
# Leak checking is on for the clean runs (the scenarios free everything, their
# error paths included). Where LeakSanitizer cannot run (ptrace restrictions in
# some containers), the probes run with ASAN_OPTIONS=detect_leaks=0.
LEAKS=1
first=$OUT/$(label_of "${CCS%% *}")/asan/${TYPES%% *}/probe
if ! ASAN_OPTIONS=detect_leaks=1 "$first" push verify >/dev/null 2>"$OUT/lsan.err"; then
   if grep -q "LeakSanitizer has encountered a fatal error\|LeakSanitizer does not work" "$OUT/lsan.err"; then
      LEAKS=0
      echo "note: LeakSanitizer cannot run here; the probes use ASAN_OPTIONS=detect_leaks=0"
   fi
fi

# ---- the cases ----------------------------------------------------------------
# The probes run JOBS at a time; their output is printed in order.
export ASAN_OPTIONS="detect_leaks=$LEAKS:symbolize=0:detect_container_overflow=1"
run_probe() {   # run_probe CC TYPE VARIANT INDEX
   local L subset
   L=$(label_of "$1")
   case $3 in
   asan_o2 | debug_asan) subset=$O2_SCENARIOS ;;
   noannot) subset=$NOANNOT_SCENARIOS ;;
   *) subset="" ;;
   esac
   # shellcheck disable=SC2086
   "$OUT/$L/$3/$2/probe" --run "$L" "$(variant_tag "$3")" $subset >"$OUT/results/$4" 2>&1 || true
}
nprobes=0
for cc in $CCS; do
   for t in $TYPES; do
      for var in $VARIANTS; do
         nprobes=$((nprobes + 1))
         echo "$cc $t $var $(printf '%05d' $nprobes)"
      done
   done
done | run_jobs run_probe
nprobes=$(echo $CCS | wc -w)
nprobes=$((nprobes * $(echo $TYPES | wc -w) * $(echo $VARIANTS | wc -w)))

# ---- static checks: the plain build, the detection, the headers -----------------

sidx=$((nprobes + 1))
static_result() {   # static_result ok|FAIL LABEL NAME TEXT [DETAIL]
   local f
   f=$OUT/results/$(printf '%05d' $sidx)
   sidx=$((sidx + 1))
   printf '%-4s %-4s %s: %s\n' "$1" "$2" "$3" "$4" >"$f"
   if [ "$1" = FAIL ] && [ -n "${5:-}" ]; then
      printf '%s\n' "$5" | head -12 | sed 's/^/       /' >>"$f"
   fi
   echo "# static" >>"$f"
}
# the instructions of push_loop and push_unchecked_loop (and their .cold parts)
loops() { objdump -d --no-show-raw-insn "$1" | awk '/^[0-9a-f]+ <push_(unchecked_)?loop(\.cold)?>:$/,/^$/'; }
disasm() { objdump -d --no-show-raw-insn "$1" | tail -n +4; }
CHECKED_SYMS='__sanitizer_|__asan_|vv32_debug_fail_'

for cc in $CCS; do
   L=$(label_of "$cc")
   d=$OUT/$L/plain
   mkdir -p "$d"
   # -gdwarf-4: valgrind 3.19 cannot read clang 14's DWARF 5
   PLAIN="-std=c99 -O2 -gdwarf-4 -I$GEN -Itests/support"
   LOOP_SRCS="$HERE/pushloop.c $GEN/valvec32_i32.c $GEN/valvec32_common.c"
   ok=1
   for t in $TYPES; do
      $cc $PLAIN -c "$GEN/valvec32_$t.c" -o "$d/valvec32_$t.o" 2>>"$d/build.log" || ok=0
      $cc $PLAIN -DVV32_NO_ANNOTATE -c "$GEN/valvec32_$t.c" -o "$d/valvec32_${t}_na.o" 2>>"$d/build.log" || ok=0
   done
   $cc $PLAIN $LOOP_SRCS -o "$d/pushloop" 2>>"$d/build.log" || ok=0
   $cc $PLAIN -DVV32_NO_ANNOTATE $LOOP_SRCS -o "$d/pushloop_na" 2>>"$d/build.log" || ok=0
   $cc $PLAIN -DVV32_DEBUG $LOOP_SRCS -o "$d/pushloop_dbg" 2>>"$d/build.log" || ok=0
   if [ $ok -eq 0 ]; then
      static_result FAIL "$L" "plain -O2 build" "does not build" "$(grep error "$d/build.log")"
      continue
   fi

   # 1. nothing of either mode in the plain code
   $cc $PLAIN -c $HERE/pushloop.c -o "$d/pushloop.o" 2>>"$d/build.log" || true
   found=$(for o in $(for t in $TYPES; do echo "$d/valvec32_$t.o"; done) "$d/pushloop.o"; do
      nm "$o" | grep -E "$CHECKED_SYMS" | sed "s|^|$(basename "$o"): |"
   done || true)
   calls=$(loops "$d/pushloop" | grep -E "call.*($CHECKED_SYMS)" || true)
   if [ -z "$found$calls" ]; then
      static_result ok "$L" "plain -O2" "no __sanitizer_/__asan_/vv32_debug_fail_ reference in valvec32_{$(echo $TYPES | tr ' ' ,)}.o or pushloop.o; the push loops call neither"
   else
      static_result FAIL "$L" "plain -O2" "checked-build code in the plain build" "$found$calls"
   fi
   # the same check sees the debug test when it is compiled in
   if loops "$d/pushloop_dbg" | grep -q 'call.*<vv32_debug_fail_>'; then
      static_result ok "$L" "-DVV32_DEBUG -O2" "push_unchecked_loop calls vv32_debug_fail_ (and the plain one does not)"
   else
      static_result FAIL "$L" "-DVV32_DEBUG -O2" "no call to vv32_debug_fail_ from the push loops" "$(loops "$d/pushloop_dbg" | grep call)"
   fi
   # 2. plain == NO_ANNOTATE, instruction for instruction
   diffs=""
   for t in $TYPES; do
      cmp -s <(disasm "$d/valvec32_$t.o") <(disasm "$d/valvec32_${t}_na.o") || diffs="$diffs valvec32_$t.o"
   done
   cmp -s <(loops "$d/pushloop") <(loops "$d/pushloop_na") || diffs="$diffs push_loops"
   if [ -z "$diffs" ]; then
      static_result ok "$L" "plain -O2 vs -DVV32_NO_ANNOTATE" "identical disassembly (every type's .o, the push loops)"
   else
      static_result FAIL "$L" "plain -O2 vs -DVV32_NO_ANNOTATE" "disassembly differs:$diffs"
   fi
   # 3. what the plain push loop costs
   ninsn=$(objdump -d --no-show-raw-insn "$d/pushloop" | awk '/^[0-9a-f]+ <push_loop>:$/,/^$/' | grep -c '^ ')
   if command -v valgrind >/dev/null 2>&1; then
      for fn in push_loop push_unchecked_loop; do
         valgrind --tool=callgrind --callgrind-out-file="$d/cg.$fn" --collect-atstart=no \
            --toggle-collect="$fn" "$d/pushloop" 1000000 >/dev/null 2>"$d/cg.$fn.log" || true
         ir=$(sed -n 's/^summary: *//p' "$d/cg.$fn" 2>/dev/null | awk 'NR == 1 { print $1 }')
         if [ -n "$ir" ] && [ "$ir" -gt 0 ]; then
            static_result ok "$L" "callgrind $fn 1M" "$ir Ir, $(awk -v i="$ir" 'BEGIN { printf "%.2f", i / 1e6 }') per push (plain -O2; push_loop is $ninsn instructions)"
         else
            static_result FAIL "$L" "callgrind $fn 1M" "no instruction count" "$(tail -5 "$d/cg.$fn.log")"
         fi
      done
   else
      static_result FAIL "$L" "callgrind" "valgrind is not installed"
   fi
   # 4. the ASan detection works for this compiler
   t1=${TYPES%% *}
   $cc -std=c99 -O1 $ASAN_F -I$GEN -Itests/support -c "$GEN/valvec32_$t1.c" -o "$d/asan_t.o" 2>>"$d/build.log" || true
   $cc -std=c99 -O1 $ASAN_F -DVV32_NO_ANNOTATE -I$GEN -Itests/support -c "$GEN/valvec32_$t1.c" -o "$d/asan_na_t.o" 2>>"$d/build.log" || true
   if nm "$d/asan_t.o" 2>/dev/null | grep -q 'U __sanitizer_annotate_contiguous_container' &&
      nm "$d/asan_na_t.o" >/dev/null 2>&1 &&
      ! nm "$d/asan_na_t.o" | grep -q '__sanitizer_annotate_contiguous_container'; then
      static_result ok "$L" "ASan detection" "-fsanitize=address annotates; -DVV32_NO_ANNOTATE does not"
   else
      static_result FAIL "$L" "ASan detection" "no annotation under -fsanitize=address, or one with -DVV32_NO_ANNOTATE"
   fi
   # 5. the headers next to the sanitizer's declarations: C99 and C++11, every switch
   cxx=$(cxx_of "$cc")
   hbad=""
   : >"$d/hdr.log"
   W="-Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror"
   for defs in "" "-DVV32_DEBUG" "-DVV32_NO_ANNOTATE" "-DVV32_DEBUG -DVV32_NO_ANNOTATE"; do
      for lang in c c++; do
         if [ $lang = c ]; then comp="$cc -std=c99 -Wstrict-prototypes"; else comp="$cxx -x c++ -std=c++11"; fi
         for san in "" "$ASAN_F -DPROBE_SAN_HEADER"; do
            if ! $comp $W $defs $san -I$GEN -Itests/support -c $HERE/hdr_compat.c -o "$d/hdr.o" >>"$d/hdr.log" 2>&1; then
               hbad="$hbad [$lang${defs:+ $defs}${san:+ asan}]"
            fi
         done
      done
   done
   if [ -z "$hbad" ]; then
      static_result ok "$L" "headers" "C99 and C++11, plain and ASan, VV32_DEBUG, VV32_NO_ANNOTATE, with <sanitizer/*.h>: -Werror clean"
   else
      static_result FAIL "$L" "headers" "do not compile:$hbad" "$(grep -E 'error' "$d/hdr.log" | sort -u)"
   fi
done

# ---- report -------------------------------------------------------------------------

for f in "$OUT"/results/*; do
   grep -v '^# ' "$f" || true
   # a probe that died before its summary line
   grep -q '^# ' "$f" || echo "FAIL probe $(basename "$f"): stopped before its summary line"
done >"$OUT/report.txt"
cat "$OUT/report.txt"
for cc in $CCS; do
   L=$(label_of "$cc")
   ct=$(grep -cE "^(ok  |FAIL) $L " "$OUT/report.txt" || true)
   cp=$(grep -cE "^ok   $L " "$OUT/report.txt" || true)
   echo "  $L: $ct cases, $cp passed"
done
total=$(grep -cE '^(ok  |FAIL) ' "$OUT/report.txt" || true)
passed=$(grep -cE '^ok  ' "$OUT/report.txt" || true)
echo "checked builds: $total cases, $passed passed"
if [ "$passed" -ne "$total" ]; then
   echo "failed ($((total - passed))):"
   grep '^FAIL' "$OUT/report.txt" | sed 's/^/  /'
   exit 1
fi
