#ifndef SIOPEN_CEPOLL_SHIM_H
#define SIOPEN_CEPOLL_SHIM_H
/* Linux's epoll, which Glibc's Swift module does not export; part of libc, nothing to link. */
#include <sys/epoll.h>
#endif
