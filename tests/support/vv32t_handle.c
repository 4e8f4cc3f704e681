#include "vv32t_handle.h"

#include <stdlib.h>

void handle_drop(struct handle *h)
{
   free(h->res);
   h->res = NULL;
}

struct handle handle_sample(int i)
{
   struct handle h;
   if ((h.res = (int *)malloc(sizeof *h.res)) == NULL)
      abort();
   *h.res = i;
   return h;
}
