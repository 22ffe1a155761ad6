#ifndef TRUSTAUDIT_CZLIB_SHIM_H
#define TRUSTAUDIT_CZLIB_SHIM_H
// zlib for Swift: inflateInit2 is a macro, so it is wrapped.
#include <zlib.h>

/// Inflate gzip or zlib streams (window bits 15 + 32: automatic header detection).
static inline int shim_inflateInit_auto(z_stream *stream) { return inflateInit2(stream, 15 + 32); }
/// Deflate into a gzip member (window bits 15 + 16: gzip header and trailer).
static inline int shim_deflateInit_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
