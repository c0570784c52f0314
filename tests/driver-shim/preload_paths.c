/* The interposer's path and descriptor coverage, with SAILSIM_CARDS=2 and a SAILSIM_CONFIG
 * whose memory model errs on [0x300000, 0x301000):
 *   open/open64/openat/openat64, stat/lstat/fstat/fstatat(AT_EMPTY_PATH)/statx/__xstat,
 *   access/faccessat; /dev/spankerctl and /dev/spanker0 are one card, /dev/spanker1 another,
 *   /dev/spanker2 absent; an AXI error response is EIO. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "spanker_ioctl.h"

/* glibc's pre-2.33 entry point, still exported; older binaries call it. */
extern int __xstat(int ver, const char *path, struct stat *buf);

#include "c_check.h"

static uint64_t alloc_on(int fd)
{
	struct spanker_mem_alloc a = {4096, 0, 0};
	CHECK(ioctl(fd, SPANKER_IOC_MEM_ALLOC, &a) == 0);
	return a.addr;
}

int main(void)
{
	struct stat st;
	struct statx sx;
	CHECK(lstat("/dev/spankerctl", &st) == 0 && S_ISCHR(st.st_mode));
	CHECK(__xstat(1, "/dev/spanker1", &st) == 0 && S_ISCHR(st.st_mode) && minor(st.st_rdev) == 1);
	CHECK(fstatat(AT_FDCWD, "/dev/spanker0", &st, 0) == 0 && S_ISCHR(st.st_mode));
	memset(&sx, 0, sizeof sx);
	CHECK(statx(AT_FDCWD, "/dev/spankerctl", 0, STATX_BASIC_STATS, &sx) == 0);
	CHECK(S_ISCHR(sx.stx_mode) && sx.stx_rdev_major == 240);
	CHECK(statx(AT_FDCWD, "/dev/spanker2", 0, STATX_BASIC_STATS, &sx) == -1 && errno == ENOENT);
	CHECK(stat("/dev/spankerx", &st) == -1 && errno == ENOENT);
	CHECK(stat("/dev/spanker01", &st) == -1 && errno == ENOENT);
	CHECK(access("/dev/spanker1", F_OK) == 0);
	CHECK(faccessat(AT_FDCWD, "/dev/spankerctl", R_OK | W_OK, 0) == 0);
	CHECK(access("/dev/spankerctl", X_OK) == -1 && errno == EACCES);
	CHECK(access("/dev/spanker2", F_OK) == -1 && errno == ENOENT);

	int ctl = open64("/dev/spankerctl", O_RDWR);
	int c0 = openat(AT_FDCWD, "/dev/spanker0", O_RDWR);
	int c1 = openat64(AT_FDCWD, "/dev/spanker1", O_RDWR | O_CLOEXEC);
	CHECK(ctl >= 0 && c0 >= 0 && c1 >= 0 && ctl != c0 && c0 != c1);
	CHECK(open("/dev/spanker2", O_RDWR) == -1 && errno == ENOENT);
	CHECK(fstat(c1, &st) == 0 && S_ISCHR(st.st_mode) && minor(st.st_rdev) == 1);
	memset(&sx, 0, sizeof sx);
	CHECK(statx(c0, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &sx) == 0 && S_ISCHR(sx.stx_mode));
	CHECK(fstatat(ctl, "", &st, AT_EMPTY_PATH) == 0 && minor(st.st_rdev) == 255);
	CHECK((fcntl(c1, F_GETFD) & FD_CLOEXEC) != 0);

	/* spankerctl and spanker0 are the same card: one allocator. spanker1 is another. */
	CHECK(alloc_on(ctl) == 0x10000);
	CHECK(alloc_on(c0) == 0x11000);
	CHECK(alloc_on(c1) == 0x10000);
	CHECK(ioctl(c1, SPANKER_IOC_PING) == 0);
	int d1 = dup(c1);
	CHECK(d1 >= 0 && alloc_on(d1) == 0x11000); /* a duplicate reaches the same card */
	CHECK(dup2(ctl, d1) == d1 && alloc_on(d1) == 0x12000); /* now card 0 */
	CHECK(close(d1) == 0);

	/* SAILSIM_CONFIG: an error range in the memory model. */
	unsigned char buf[64] = {0};
	struct spanker_mem_xfer x = {0x300000, (uint64_t)(uintptr_t)buf, sizeof buf};
	errno = 0;
	CHECK(ioctl(c0, SPANKER_IOC_MEM_WRITE, &x) == -1 && errno == EIO);
	x.addr = 0x301000;
	CHECK(ioctl(c0, SPANKER_IOC_MEM_WRITE, &x) == 0);
	/* SAILSIM_CONFIG's version (no SAILSIM_VERSION here). */
	struct spanker_version v = {9, 9, 9, 9};
	CHECK(ioctl(c1, SPANKER_IOC_GET_VERSION, &v) == 0 && v.major == 0 && v.minor == 1 && v.patch == 3);

	CHECK(close(ctl) == 0 && close(c0) == 0 && close(c1) == 0);
	/* The card keeps its state across close and open, as a driver's does. */
	c0 = open("/dev/spanker0", O_RDWR);
	CHECK(alloc_on(c0) == 0x13000);
	close(c0);

	if (failures == 0)
		printf("preload_paths: all checks passed\n");
	return failures == 0 ? 0 : 1;
}
