/* SPDX-License-Identifier: MIT */
/*
 * sailsim.h: the driver shim's C ABI (libsailsim.so). One handle is one simulated Sail card
 * (Verilated RTL, host AXI4 BFM, DDR memory model) behind the Spanker UAPI of
 * spanker_ioctl.h. Usable from C, Rust (extern "C") and Python ctypes; no C++ exception ever
 * crosses it. A handle is not thread-safe beyond sailsim_ioctl, which serializes itself.
 */
#ifndef SAILSIM_H
#define SAILSIM_H

#include <stddef.h>
#include <stdint.h>

#include "spanker_ioctl.h"

#if defined(__GNUC__)
#define SAILSIM_API __attribute__((visibility("default")))
#else
#define SAILSIM_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sailsim_card sailsim_card;

/* One 32-byte DDR line of a snapshot. */
struct sailsim_line {
	uint64_t addr;    /* line address (a multiple of 32) */
	uint8_t data[32]; /* bytes addr .. addr + 31 */
}; /* 40 bytes */

/* One completed AXI4 transaction of a port's log. */
struct sailsim_txn {
	uint64_t seq;        /* position in the port's log */
	uint64_t addr;       /* AxADDR */
	uint64_t bytes;      /* bytes covered (less unstrobed ones for a write) */
	uint64_t addr_cycle; /* AW / AR handshake */
	uint64_t last_cycle; /* B handshake, or the last R beat */
	uint32_t id;         /* AxID as seen at the port */
	uint32_t master;     /* the interconnect's master index (0 host, 1 engine) */
	uint32_t beats;      /* AxLEN + 1 */
	uint8_t dir;         /* SAILSIM_TXN_READ or SAILSIM_TXN_WRITE */
	uint8_t size;        /* AxSIZE: 1 << size bytes per beat */
	uint8_t burst;       /* 0 FIXED, 1 INCR, 2 WRAP */
	uint8_t resp;        /* 0 OKAY, 1 EXOKAY, 2 SLVERR, 3 DECERR (the worst beat) */
	uint8_t lock;
	uint8_t reserved[7]; /* 0 */
}; /* 64 bytes */

#define SAILSIM_TXN_READ  0
#define SAILSIM_TXN_WRITE 1

/* A new card. config_path: the YAML config (docs/driver-shim.md), or NULL for the defaults.
 * NULL on error (the reason, with file:line:column, goes to stderr). */
SAILSIM_API sailsim_card *sailsim_open(const char *config_path);

/* A Spanker ioctl (spanker_ioctl.h): 0 or a negative errno (-ENOTTY, -EFAULT, ...). */
SAILSIM_API int sailsim_ioctl(sailsim_card *card, unsigned long request, void *arg);

SAILSIM_API void sailsim_close(sailsim_card *card);

/* The DDR lines in [first, last] that were ever written, in address order: writes up to max
 * of them to out (out may be NULL when max is 0) and returns how many there are. */
SAILSIM_API size_t sailsim_snapshot(sailsim_card *card, uint64_t first, uint64_t last, struct sailsim_line *out, size_t max);

/* The last n transactions of the DDR port (the memory model's log), oldest first: writes
 * them to out (room for n) and returns how many there were (<= n). */
SAILSIM_API size_t sailsim_last_n_transactions(sailsim_card *card, size_t n, struct sailsim_txn *out);

/* The same for the host port (the driver's own traffic: registers, the command queue at
 * 0x4000, MEM_WRITE / MEM_READ bursts). */
SAILSIM_API size_t sailsim_last_n_host_transactions(sailsim_card *card, size_t n, struct sailsim_txn *out);

/* The card's clock (cycles since it was made). */
SAILSIM_API uint64_t sailsim_cycle(sailsim_card *card);

/* The version of the libsailsim.so in use, "major.minor.patch" (the package's and `sailsim
 * --version`'s; SAILSIM_VERSION_* of sailsim_version.h, those a program was built with). Each
 * pointer may be NULL. Not the Spanker ABI's version, which SPANKER_IOC_GET_VERSION reports. */
SAILSIM_API const char *sailsim_version(unsigned *major, unsigned *minor, unsigned *patch);

#ifdef __cplusplus
}
#endif

#endif /* SAILSIM_H */
