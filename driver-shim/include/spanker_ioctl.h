/* SPDX-License-Identifier: MIT */
/*
 * spanker_ioctl.h: the Spanker UAPI, as sailsim's driver shim implements it.
 *
 * ABI v0.1 (PING, GET_VERSION) is binary-identical to the kernel driver's; v0.2 adds the
 * commands below, numbered after them (contracts.md section 3). Every struct has a fixed
 * size and layout (only __u64 / __u32 fields, naturally aligned, no implicit padding), so a
 * Rust #[repr(C)] struct can mirror it field for field; driver-shim/tests pins every number
 * and size.
 *
 * Every command returns 0, or -1 with errno set, as ioctl(2) does on a Linux driver:
 *   ENOTTY     wrong magic or unknown command
 *   EFAULT     a bad user pointer (the argument, or a buffer it points to)
 *   EINVAL     a bad argument (a malformed matmul, k % 256 != 0, an unknown flag, ...)
 *   ENOMEM     MEM_ALLOC found no free range
 *   ETIMEDOUT  WAIT ran out of time
 *   EIO        the card answered an AXI error response (MEM_*), or a job ended with one
 *   EBUSY      the command queue is full
 *   ENODEV     the card does not identify itself (PING)
 *
 * Device addresses are the card's 48-bit bus addresses (contracts.md section 2): DDR starts
 * at 0x10000. Times are in nanoseconds of the card's clock, 1 GHz: one cycle per ns.
 *
 * A superset of Spanker's own header (ABI v0.1.0): every name it defines, with the same
 * meaning and its include guard, so that code written against it (ggml-spanker's bindgen
 * wrapper.h) builds with this header in its place. The v0.2 part has a guard of its own:
 * with Spanker's copy included first, this header still adds v0.2 and compiles.
 */
#ifndef _UAPI_LINUX_SPANKER_IOCTL_H
#define _UAPI_LINUX_SPANKER_IOCTL_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define SPANKER_IOC_MAGIC 0xE3

/* ABI version reported by SPANKER_IOC_GET_VERSION (sailsim's: 0.2.0; Spanker's driver: 0.1.0). */
#define SPANKER_ABI_VERSION_MAJOR 0
#define SPANKER_ABI_VERSION_MINOR 2
#define SPANKER_ABI_VERSION_PATCH 0

/* ---- v0.1 ---------------------------------------------------------------------------- */

struct spanker_version {
	__u16 major;
	__u16 minor;
	__u16 patch;
	__u16 reserved;
}; /* 8 bytes */

#define SPANKER_IOC_PING        _IO(SPANKER_IOC_MAGIC, 0x01)
#define SPANKER_IOC_GET_VERSION _IOR(SPANKER_IOC_MAGIC, 0x02, struct spanker_version)

#endif /* _UAPI_LINUX_SPANKER_IOCTL_H */

#ifndef SAILSIM_SPANKER_IOCTL_V02_H
#define SAILSIM_SPANKER_IOCTL_V02_H

#include <linux/types.h>
#include <linux/ioctl.h>

/* sailsim's earlier names of the version macros. */
#define SPANKER_ABI_MAJOR SPANKER_ABI_VERSION_MAJOR
#define SPANKER_ABI_MINOR SPANKER_ABI_VERSION_MINOR
#define SPANKER_ABI_PATCH SPANKER_ABI_VERSION_PATCH

/* ---- v0.2 ---------------------------------------------------------------------------- */

/* WORK_SUBMIT flags. */
#define SPANKER_WORK_FUSED  (1u << 0) /* the FMA-contracted order instead of the reference's */
#define SPANKER_WORK_B_F32  (1u << 1) /* b_f32 holds n rows of k floats: quantize them to Q8_K
                                       * with the reference quantizer and write them at b first */
#define SPANKER_WORK_FLAGS  (SPANKER_WORK_FUSED | SPANKER_WORK_B_F32)

/* A Q4_K x Q8_K matmul: out[n*m_rows + m] = dot(A row m, B row n) as float32, GGML's
 * ggml_mul_mat layout (contracts.md section 5). Strides of 0 mean dense rows. */
struct spanker_work_submit {
	__u64 a;          /* in: device address of A, m rows of k/256 Q4_K blocks (144 bytes) */
	__u64 b;          /* in: device address of B, n rows of k/256 Q8_K blocks (292 bytes) */
	__u64 out;        /* in: device address of OUT, n rows of m float32 */
	__u32 m;          /* in */
	__u32 k;          /* in: a positive multiple of 256 */
	__u32 n;          /* in */
	__u32 a_stride;   /* in: bytes between A rows, 0 = k/256*144 */
	__u32 b_stride;   /* in: bytes between B rows, 0 = k/256*292 */
	__u32 out_stride; /* in: bytes between OUT rows, 0 = m*4 */
	__u32 flags;      /* in: SPANKER_WORK_* */
	__u32 tag;        /* in: returned by WAIT */
	__u64 b_f32;      /* in: user pointer to n*k floats, with SPANKER_WORK_B_F32; else 0 */
	__u64 b_f32_bytes;/* in: the size of the buffer at b_f32: exactly n*k*4 with
	                   * SPANKER_WORK_B_F32 (else EINVAL); else 0 */
	__u64 job;        /* out: the job's handle, for WAIT */
}; /* 80 bytes */

/* WAIT: until the job has ended (0), it ended with an AXI error (EIO), or timeout_ns pass
 * (ETIMEDOUT; the job goes on). timeout_ns = 0 means the shim's default. */
struct spanker_wait {
	__u64 job;        /* in: from WORK_SUBMIT */
	__u64 timeout_ns; /* in */
	__u32 status;     /* out: 0, or the card's error code (7 AXI read, 8 AXI write);
	                   * 0xFFFFFFFF: the job failed or may have failed, but it ended together
	                   * with other jobs, so its own code is unknown (EIO; docs/driver-shim.md) */
	__u32 tag;        /* out: the job's tag */
	__u64 cycles;     /* out: the card's busy cycles for the job, when it ran alone */
}; /* 32 bytes */

/* MEM_ALLOC: a free DDR range of size bytes, aligned to align (a power of two; 0 = 4096).
 * Ranges never overlap until freed. */
struct spanker_mem_alloc {
	__u64 size;  /* in: > 0 */
	__u64 align; /* in */
	__u64 addr;  /* out: device address */
}; /* 24 bytes */

/* MEM_FREE: addr must be the start of an allocated range (else EINVAL). */
struct spanker_mem_free {
	__u64 addr; /* in */
}; /* 8 bytes */

/* MEM_WRITE (host -> device) and MEM_READ (device -> host): AXI4 bursts on the host port. */
struct spanker_mem_xfer {
	__u64 addr; /* in: device address */
	__u64 host; /* in: user pointer to size bytes */
	__u64 size; /* in */
}; /* 24 bytes */

/* MEM_COPY (device -> device): reads then writes, in bursts. The ranges must not overlap. */
struct spanker_mem_copy {
	__u64 dst;  /* in */
	__u64 src;  /* in */
	__u64 size; /* in */
}; /* 24 bytes */

/* BAR_INFO: where things are on the card. */
struct spanker_bar_info {
	__u64 ctrl_base;   /* the control block (CSRs) */
	__u64 ctrl_size;
	__u64 queue_addr;  /* the command window */
	__u64 ddr_base;
	__u64 ddr_size;
	__u32 lanes;       /* the engine's activation columns per pass */
	__u32 queue_depth; /* descriptors the queue holds */
	__u32 max_k;       /* the longest k the engine takes */
	__u32 reserved;
}; /* 56 bytes */

/* GET_TELEMETRY: the engine's performance counters, read over the bus. */
struct spanker_telemetry {
	__u64 busy_cycles;
	__u64 bytes_read;
	__u64 bytes_written;
	__u64 read_stall_cycles;
	__u64 jobs_done;    /* ended, OK or not */
	__u64 jobs_failed;
	__u64 cycle;        /* the card's clock now */
	__u64 queue_rejects;
}; /* 64 bytes */

#define SPANKER_IOC_WORK_SUBMIT   _IOWR(SPANKER_IOC_MAGIC, 0x03, struct spanker_work_submit)
#define SPANKER_IOC_WAIT          _IOWR(SPANKER_IOC_MAGIC, 0x04, struct spanker_wait)
#define SPANKER_IOC_MEM_ALLOC     _IOWR(SPANKER_IOC_MAGIC, 0x05, struct spanker_mem_alloc)
#define SPANKER_IOC_MEM_FREE      _IOW(SPANKER_IOC_MAGIC, 0x06, struct spanker_mem_free)
#define SPANKER_IOC_MEM_WRITE     _IOW(SPANKER_IOC_MAGIC, 0x07, struct spanker_mem_xfer)
#define SPANKER_IOC_MEM_READ      _IOW(SPANKER_IOC_MAGIC, 0x08, struct spanker_mem_xfer)
#define SPANKER_IOC_MEM_COPY      _IOW(SPANKER_IOC_MAGIC, 0x09, struct spanker_mem_copy)
#define SPANKER_IOC_BAR_INFO      _IOR(SPANKER_IOC_MAGIC, 0x0A, struct spanker_bar_info)
#define SPANKER_IOC_GET_TELEMETRY _IOR(SPANKER_IOC_MAGIC, 0x0B, struct spanker_telemetry)

#endif /* SAILSIM_SPANKER_IOCTL_V02_H */
