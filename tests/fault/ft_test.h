/* tests/fault: the tiny assertion layer shared by the fault tests. */
#ifndef FT_TEST_H
#define FT_TEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ft_hooks.h"

#if defined(__GNUC__) || defined(__clang__)
#define FT_MAYBE_UNUSED __attribute__((unused))
#else
#define FT_MAYBE_UNUSED
#endif

static unsigned long ft_failed_checks;   /* CHECKs that did not hold */
static char ft_where[256];               /* what is being tested, for messages */

static void ft_set_where(const char *fmt, ...)
{
   va_list ap;
   va_start(ap, fmt);
   vsnprintf(ft_where, sizeof ft_where, fmt, ap);
   va_end(ap);
}

static bool ft_check_(bool cond, const char *file, int line, const char *expr)
{
   if (!cond) {
      if (++ft_failed_checks <= 60)
         fprintf(stderr, "%s:%d: FAILED [%s]: %s\n", file, line, ft_where, expr);
      else if (ft_failed_checks == 61)
         fprintf(stderr, "(further failures not shown)\n");
   }
   return cond;
}

/* CHECK(cond): counts and reports a failure and clears the enclosing
   function's `ok`; the test goes on. Its value is cond. */
#define CHECK(cond) (ft_check_((cond) ? true : false, __FILE__, __LINE__, #cond) || (ok = false))

#endif
