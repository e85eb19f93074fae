/* checker-private.h — between the checker's two halves: checker.c runs a
 * child process and collects what it reports; checker-rules.c is what the
 * child runs. They talk over a pipe, one line per event:
 *
 *   S <call>                     about to send this message (in flight)
 *   T <call>                     a traced message returned
 *   F <rule> <message> <call>    a rule was broken
 *   N <note>                     a rule could not be applied, and why
 *   C <n>                        rule applications made so far
 *   D                            finished normally
 *
 * Fields are tab-separated and escaped with g_strescape. */
#ifndef MMIO_CHECKER_PRIVATE_H
#define MMIO_CHECKER_PRIVATE_H

#include "mmio-private.h"
#include <mmio/mmio-plugin.h>

typedef struct
{
  FOURCC      fcc;
  LPMMIOPROC  proc;         /* non-NULL: install it in the child first */
  const char *sample;       /* the name to open (a copy of the user's sample) */
  const char *write_copy;   /* a second copy the write rules may change, or NULL */
  int         fd;           /* where the child writes its lines */
} MmioCheckRun;

/* Runs every rule; never returns an error (what went wrong is reported). */
void mmio_check_run (const MmioCheckRun *run);

#endif
