#!/bin/sh
# Runs the Criterion suites of one build variant of tests/matrix/matrix.mk.
#
#   run_suites.sh MODE DIR JOBS TYPE...
#
# MODE  run       run each suite
#       valgrind  run each suite under $VALGRIND $VG_FLAGS; Criterion's workers
#                 are traced (one log per process) and every log must say
#                 "ERROR SUMMARY: 0 errors" (a worker's exit status does not
#                 reach the suite's, so the logs are what counts)
#       asan      run each suite with the sanitizers' reports sent to files;
#                 any report file fails the suite (same reason)
#       vgcmd     DIR is a log directory, the rest a command: run it under
#                 valgrind as above (the fuzz corpus replay, the self-check)
#       asancmd   the same for a sanitizer build: the reports go to DIR
#                 (for vgcmd and asancmd, JOBS is unused)
# DIR   where the suite binaries test_valvec32_<TYPE> are
#
# Prints one line per failing suite, and writes a one-line summary to
# DIR.summary. Exits 1 if any suite failed or did not build.
mode=$1 dir=$2 jobs=$3
shift 3

VALGRIND=${VALGRIND:-valgrind}
VG_FLAGS=${VG_FLAGS:-"--error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --trace-children=yes"}

# vg LOGDIR CMD...: sets procs (processes traced) and bad (processes with errors)
vg() {
   logdir=$1
   shift
   rm -rf "$logdir"
   mkdir -p "$logdir"
   # shellcheck disable=SC2086
   $VALGRIND $VG_FLAGS --log-file="$logdir/vg.%p.log" "$@" >"$logdir/stdout" 2>&1
   rc=$?
   procs=$(ls "$logdir"/vg.*.log 2>/dev/null | wc -l)
   bad=$(grep -L 'ERROR SUMMARY: 0 errors' "$logdir"/vg.*.log 2>/dev/null | wc -l)
   [ "$rc" -eq 0 ] || bad=$((bad + 1))
   if [ "$bad" -ne 0 ]; then
      tail -5 "$logdir/stdout"
      for l in $(grep -L 'ERROR SUMMARY: 0 errors' "$logdir"/vg.*.log); do
         grep -A14 -E 'Invalid|lost in|uninitialised|Mismatched|Syscall param|Source and destination' "$l" | head -45
      done
   fi
}

# san LOGDIR CMD...: sets reports (the report files, empty when clean) and rc
san() {
   logdir=$1
   shift
   rm -rf "$logdir"
   mkdir -p "$logdir"
   ASAN_OPTIONS=log_path=$logdir/asan:detect_leaks=1:detect_container_overflow=1:strict_string_checks=1 \
   UBSAN_OPTIONS=log_path=$logdir/ubsan:print_stacktrace=1:halt_on_error=1 \
      "$@" >"$logdir/stdout" 2>&1
   rc=$?
   reports=$(ls "$logdir" | grep -v '^stdout$')
}

case $mode in
vgcmd)
   vg "$dir" "$@"
   echo "$procs processes, $bad with errors" >"$dir.summary"
   [ "$bad" -eq 0 ]
   exit
   ;;
asancmd)
   san "$dir" "$@"
   [ "$rc" -eq 0 ] && [ -z "$reports" ]
   exit
   ;;
esac

pass=0 fail=0 nobuild=0 nprocs=0 total=0
for t in "$@"; do
   total=$((total + 1))
   b=$dir/test_valvec32_$t
   if [ ! -x "$b" ]; then
      echo "  test_valvec32_$t: did not build (log $dir.log)"
      nobuild=$((nobuild + 1))
      continue
   fi
   case $mode in
   run)
      if "$b" --jobs="$jobs" >"$b.out" 2>&1; then
         pass=$((pass + 1))
      else
         tail -15 "$b.out"
         echo "  test_valvec32_$t: FAILED (output $b.out)"
         fail=$((fail + 1))
      fi
      ;;
   valgrind)
      vg "$dir/vg-$t" "$b" --jobs="$jobs"
      nprocs=$((nprocs + procs))
      if [ "$bad" -eq 0 ]; then
         pass=$((pass + 1))
      else
         echo "  test_valvec32_$t: memcheck errors or leaks (logs $dir/vg-$t/)"
         fail=$((fail + 1))
      fi
      ;;
   asan)
      logs=$dir/san-$t
      san "$logs" "$b" --jobs="$jobs"
      if [ "$rc" -eq 0 ] && [ -z "$reports" ]; then
         pass=$((pass + 1))
      else
         tail -8 "$logs/stdout"
         for f in $reports; do head -30 "$logs/$f"; done
         echo "  test_valvec32_$t: sanitizer report or failure (logs $logs/)"
         fail=$((fail + 1))
      fi
      ;;
   *)
      echo "run_suites.sh: unknown mode $mode" >&2
      exit 2
      ;;
   esac
done

s="$pass/$total suites passed"
[ "$fail" -eq 0 ] || s="$s, $fail failed"
[ "$nobuild" -eq 0 ] || s="$s, $nobuild did not build"
[ "$mode" != valgrind ] || s="$s ($nprocs processes traced)"
echo "$s" >"$dir.summary"
[ "$fail" -eq 0 ] && [ "$nobuild" -eq 0 ]
