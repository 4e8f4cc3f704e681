/* The generated header next to the sanitizer's own declarations, in C and
   C++, with every checked-build switch: compile-only (run.sh). */
#ifdef PROBE_SAN_HEADER
#include <sanitizer/common_interface_defs.h>
#include <sanitizer/asan_interface.h>
#endif
#include "valvec32_i32.h"
#include "valvec32_str.h"

int hdr_compat(valvec32_i32 *v, valvec32_str *s);
int hdr_compat(valvec32_i32 *v, valvec32_str *s)
{
   if (valvec32_i32_push(v, 1) != VV32_OK)
      return 1;
   if (valvec32_i32_len(v) < valvec32_i32_capacity(v))
      valvec32_i32_push_unchecked(v, 2);
   return valvec32_str_is_empty(s) ? 0 : 1;
}
