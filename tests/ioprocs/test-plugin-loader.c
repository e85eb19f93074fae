/* test-plugin-loader.c — loading IOProc modules: the example plugins load,
 * and every kind of broken module is refused with its own reason (missing
 * file, relative path, not ELF, wrong machine, truncated, undefined
 * symbol, missing entry symbol, wrong ABI version, FOURCC conflict). The
 * broken modules are built by meson (tests/ioprocs/plugins/) or derived
 * from a good one here. */
#include "test-util.h"

#include <mmio/mmio-plugin.h>
#include <glib/gstdio.h>
#include <string.h>

static const char *
env (const char *name)
{
  const char *v = g_getenv (name);
  g_assert_nonnull (v);
  return v;
}

static void
expect_failure (const char *path, ULONG reason, const char *in_message)
{
  MMIOPLUGINERROR err;
  MMIOPLUGIN *p = mmioPluginLoad (path, &err);
  MMIOPLUGINERROR last;

  g_assert_null (p);
  g_test_message ("%s: %s (%s)", path, err.szMessage,
                  mmioPluginReasonId (err.ulReason));
  g_assert_cmpuint (err.ulReason, ==, reason);
  if (in_message != NULL)
    g_assert_nonnull (strstr (err.szMessage, in_message));
  /* The same reason is kept for the thread. */
  mmioIniFileLastError (&last);
  g_assert_cmpuint (last.ulReason, ==, reason);
  g_assert_cmpstr (last.szMessage, ==, err.szMessage);
}

static void
test_good (void)
{
  MMIOPLUGINERROR err;
  const char *path = env ("RIFFSCOPE_AR_PLUGIN");
  MMIOPLUGIN *p = mmioPluginLoad (path, &err), *again;
  const MMIOPLUGINDESC *d;

  g_assert_nonnull (p);
  g_assert_cmpuint (err.ulReason, ==, MMIO_PLUGIN_E_NONE);
  d = mmioPluginDescriptor (p);
  g_assert_cmpuint (d->ulAbiVersion, ==, MMIO_PLUGIN_ABI_VERSION);
  g_assert_cmpuint (d->cProcs, ==, 1);
  g_assert_cmpuint (d->pProcs[0].fccIOProc, ==, mmioFOURCC ('A', ' ', ' ', ' '));
  g_assert_cmpuint (d->pProcs[0].ulIOProcType, ==, MMIO_IOPROC_STORAGESYSTEM);
  g_assert_cmpstr (d->pProcs[0].pszProcName, ==, "ar_ioproc");
  g_assert_cmpstr (mmioPluginPath (p), ==, path);
  again = mmioPluginLoad (path, NULL);
  g_assert_true (again == p);
}

static void
test_not_found (void)
{
  char *path = tu_path ("no-such-plugin.so");
  expect_failure (path, MMIO_PLUGIN_E_NOT_FOUND, "no-such-plugin.so");
  g_free (path);
  expect_failure ("", MMIO_PLUGIN_E_NOT_FOUND, NULL);
  /* A directory is not a module either. */
  expect_failure (tu_tmpdir (), MMIO_PLUGIN_E_NOT_FOUND, NULL);
}

static void
test_relative (void)
{
  /* Never searched for, never taken from the current directory — even
   * when a good module of that name is right there. */
  char *dir = g_path_get_dirname (env ("RIFFSCOPE_AR_PLUGIN"));
  char *cwd = g_get_current_dir ();
  g_assert_cmpint (g_chdir (dir), ==, 0);
  expect_failure ("riffscope-ar.so", MMIO_PLUGIN_E_NOT_ABSOLUTE, "riffscope-ar.so");
  expect_failure ("./riffscope-ar.so", MMIO_PLUGIN_E_NOT_ABSOLUTE, NULL);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_free (cwd);
  g_free (dir);
}

static void
test_not_elf (void)
{
  char *path = tu_path ("text.so");
  tu_write_file (path, "#!/bin/sh\necho not a module\n", 27);
  expect_failure (path, MMIO_PLUGIN_E_NOT_ELF, "text.so");
  g_free (path);
  path = tu_path ("empty.so");
  tu_write_file (path, "", 0);
  expect_failure (path, MMIO_PLUGIN_E_NOT_ELF, NULL);
  g_free (path);
}

static void
test_wrong_machine (void)
{
  GBytes *good = tu_read_file (env ("RIFFSCOPE_AU_PLUGIN"));
  gsize len;
  guint8 *data = g_memdup2 (g_bytes_get_data (good, &len), g_bytes_get_size (good));
  char *path = tu_path ("other-machine.so");

  /* e_machine (offset 18, little-endian here) set to 183, AArch64 — or to
   * 62, x86-64, when this machine is an AArch64 one. */
  data[18] = data[18] == 183 ? 62 : 183;
  data[19] = 0;
  tu_write_file (path, data, len);
  expect_failure (path, MMIO_PLUGIN_E_WRONG_MACHINE, "machine");
  g_free (data);
  g_bytes_unref (good);
  g_free (path);
}

static void
test_truncated (void)
{
  GBytes *good = tu_read_file (env ("RIFFSCOPE_AU_PLUGIN"));
  gsize len = g_bytes_get_size (good);
  char *path = tu_path ("truncated.so");

  g_assert_cmpuint (len, >, 8192);
  tu_write_file (path, g_bytes_get_data (good, NULL), len / 2);
  expect_failure (path, MMIO_PLUGIN_E_TRUNCATED, "truncated");
  g_free (path);
  /* Cut inside the ELF header itself. */
  path = tu_path ("truncated-header.so");
  tu_write_file (path, g_bytes_get_data (good, NULL), 40);
  expect_failure (path, MMIO_PLUGIN_E_TRUNCATED, NULL);
  g_free (path);
  g_bytes_unref (good);
}

static void
test_undefined_symbol (void)
{
  expect_failure (env ("RIFFSCOPE_BROKEN_UNDEF"), MMIO_PLUGIN_E_UNDEFINED_SYMBOL,
                  "riffscope_test_symbol_nobody_defines");
}

static void
test_missing_symbol (void)
{
  expect_failure (env ("RIFFSCOPE_BROKEN_NOSYM"), MMIO_PLUGIN_E_MISSING_SYMBOL,
                  MMIO_PLUGIN_ENTRY_NAME);
}

static void
test_abi (void)
{
  expect_failure (env ("RIFFSCOPE_BROKEN_ABI"), MMIO_PLUGIN_E_ABI_VERSION, "999");
}

static void
test_conflict (void)
{
  const char *au = env ("RIFFSCOPE_AU_PLUGIN");
  g_assert_nonnull (mmioPluginLoad (au, NULL));
  expect_failure (env ("RIFFSCOPE_BROKEN_CONFLICT"), MMIO_PLUGIN_E_FOURCC_CONFLICT, au);
}

static void
test_reason_strings (void)
{
  for (ULONG r = 0; r <= MMIO_PLUGIN_E_NO_SUCH_IOPROC; r++)
    {
      g_assert_nonnull (mmioPluginReasonString (r));
      g_assert_cmpstr (mmioPluginReasonId (r), !=, "unknown");
    }
  g_assert_cmpstr (mmioPluginReasonId (MMIO_PLUGIN_E_TRUNCATED), ==, "truncated");
  g_assert_cmpstr (mmioPluginReasonId (9999), ==, "unknown");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/load/good", test_good);
  g_test_add_func ("/plugin/load/not-found", test_not_found);
  g_test_add_func ("/plugin/load/relative", test_relative);
  g_test_add_func ("/plugin/load/not-elf", test_not_elf);
  g_test_add_func ("/plugin/load/wrong-machine", test_wrong_machine);
  g_test_add_func ("/plugin/load/truncated", test_truncated);
  g_test_add_func ("/plugin/load/undefined-symbol", test_undefined_symbol);
  g_test_add_func ("/plugin/load/missing-symbol", test_missing_symbol);
  g_test_add_func ("/plugin/load/abi-version", test_abi);
  g_test_add_func ("/plugin/load/fourcc-conflict", test_conflict);
  g_test_add_func ("/plugin/reasons", test_reason_strings);
  return g_test_run ();
}
