#ifndef SIOPEN_CQRENCODE_SHIM_H
#define SIOPEN_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
