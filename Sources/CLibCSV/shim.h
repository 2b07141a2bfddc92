#ifndef WORKFORCE_CLIBCSV_SHIM_H
#define WORKFORCE_CLIBCSV_SHIM_H
/* Debian's libcsv (package libcsv-dev). */
#include <csv.h>

/* A space predicate that treats no byte as space, so libcsv keeps leading and
 * trailing blanks of unquoted fields; validation trims them itself. */
static inline int workforce_csv_no_space(unsigned char c) { (void)c; return 0; }
#endif
