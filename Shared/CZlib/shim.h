#ifndef SIOPEN_CZLIB_SHIM_H
#define SIOPEN_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit is a macro passing the library version and the stream's size, which Swift cannot import. */
static inline int siopen_inflate_init(z_streamp stream) { return inflateInit(stream); }
#endif
