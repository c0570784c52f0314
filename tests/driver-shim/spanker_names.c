/* Code written against Spanker's own header names only, built as ggml-spanker's bindgen
 * build includes the header (through a wrapper.h; -std=c99 -Wall -Wextra -Werror -pedantic),
 * with sailsim's spanker_ioctl.h in its place. The header is included twice, and together
 * with a copy of Spanker's own (same guard). Run under LD_PRELOAD: PING and GET_VERSION
 * through the interposer with those names, the version equal to SPANKER_ABI_VERSION_*. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "spanker_wrapper.h"
#include "spanker_wrapper.h"
#include "spanker_ioctl_upstream.h"

#include "c_check.h"

#ifndef _UAPI_LINUX_SPANKER_IOCTL_H
#error "Spanker's include guard _UAPI_LINUX_SPANKER_IOCTL_H is not defined"
#endif
#if SPANKER_IOC_MAGIC != 0xE3 || SPANKER_ABI_VERSION_MAJOR != 0
#error "SPANKER_IOC_MAGIC / SPANKER_ABI_VERSION_MAJOR differ from Spanker's"
#endif

/* spanker_names_upstream_first.c: the other order (Spanker's copy first). */
unsigned spanker_upstream_first_version_minor(void);
unsigned long spanker_upstream_first_work_submit(void);

int main(void)
{
	int fd = open("/dev/spankerctl", O_RDWR);
	CHECK(fd >= 0);
	if (fd < 0)
		return 1;
	CHECK(ioctl(fd, SPANKER_IOC_PING) == 0);
	struct spanker_version v = {9, 9, 9, 9};
	CHECK(ioctl(fd, SPANKER_IOC_GET_VERSION, &v) == 0);
	CHECK(v.major == SPANKER_ABI_VERSION_MAJOR && v.minor == SPANKER_ABI_VERSION_MINOR &&
	      v.patch == SPANKER_ABI_VERSION_PATCH && v.reserved == 0);
	printf("spanker_names: GET_VERSION %u.%u.%u, SPANKER_ABI_VERSION %d.%d.%d\n", v.major, v.minor,
	       v.patch, SPANKER_ABI_VERSION_MAJOR, SPANKER_ABI_VERSION_MINOR, SPANKER_ABI_VERSION_PATCH);
	/* With Spanker's copy first, its version macros stand and sailsim's v0.2 names still come. */
	CHECK(spanker_upstream_first_version_minor() == 1);
	CHECK(spanker_upstream_first_work_submit() == (unsigned long)SPANKER_IOC_WORK_SUBMIT);
	close(fd);
	if (failures == 0)
		printf("spanker_names: all checks passed\n");
	return failures == 0 ? 0 : 1;
}
