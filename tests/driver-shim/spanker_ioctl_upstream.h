/* Stands in for Spanker's own public UAPI header (ABI v0.1.0): the names, values and include
 * guard that contracts.md section 1 and issue 11 give for it, written out here so that a test
 * can include it beside sailsim's driver-shim/include/spanker_ioctl.h, which must define the
 * same names with the same meaning. Used only by spanker_names*.c. */
#ifndef _UAPI_LINUX_SPANKER_IOCTL_H
#define _UAPI_LINUX_SPANKER_IOCTL_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define SPANKER_IOC_MAGIC 0xE3

/* ABI version reported by SPANKER_IOC_GET_VERSION */
#define SPANKER_ABI_VERSION_MAJOR 0
#define SPANKER_ABI_VERSION_MINOR 1
#define SPANKER_ABI_VERSION_PATCH 0

struct spanker_version {
	__u16 major;
	__u16 minor;
	__u16 patch;
	__u16 reserved;
};

#define SPANKER_IOC_PING        _IO(SPANKER_IOC_MAGIC, 0x01)
#define SPANKER_IOC_GET_VERSION _IOR(SPANKER_IOC_MAGIC, 0x02, struct spanker_version)

#endif /* _UAPI_LINUX_SPANKER_IOCTL_H */
