#ifndef TRUSTAUDIT_CZLIB_SHIM_H
#define TRUSTAUDIT_CZLIB_SHIM_H
// zlib for Swift: inflateInit2 is a macro, so it is wrapped.
#include <zlib.h>

/// Inflate gzip or zlib streams (window bits 15 + 32: automatic header detection).
static inline int shim_inflateInit_auto(z_stream *stream) { return inflateInit2(stream, 15 + 32); }
#endif
