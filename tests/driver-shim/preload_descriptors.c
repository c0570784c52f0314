/* The ways a program gets, copies and gives up a device descriptor besides open(), under
 * LD_PRELOAD=libsailsim_preload.so with SAILSIM_CARDS=1:
 *   fcntl(F_DUPFD / F_DUPFD_CLOEXEC) (Rust's File::try_clone), dup / dup2 / dup3, close of
 *   duplicates (the card answers until the last descriptor is closed), F_GETFD / F_SETFD /
 *   F_GETFL, fopen / fopen64 / freopen (glibc opens those with its internal open) and fclose,
 *   realpath / canonicalize_file_name, a number closed behind the interposer's back
 *   (close_range) and reused, and ioctl request numbers with bits above 31 (the kernel takes
 *   the command as 32 bits). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "spanker_ioctl.h"

#include "c_check.h"

/* The card answers on fd: PING, and GET_VERSION reports the shim's ABI. */
static int is_card(int fd)
{
	struct spanker_version v = {9, 9, 9, 9};
	return ioctl(fd, SPANKER_IOC_PING) == 0 && ioctl(fd, SPANKER_IOC_GET_VERSION, &v) == 0 &&
	       v.major == SPANKER_ABI_VERSION_MAJOR && v.minor == SPANKER_ABI_VERSION_MINOR;
}

/* An ordinary descriptor: ioctl reaches the kernel, which knows no Spanker command. */
static int is_not_card(int fd)
{
	errno = 0;
	return ioctl(fd, SPANKER_IOC_PING) == -1 && errno == ENOTTY;
}

static void fcntl_dups(void)
{
	int fd = open("/dev/spankerctl", O_RDWR);
	CHECK(fd >= 0 && is_card(fd));
	int clone = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	CHECK(clone > fd && is_card(clone));
	CHECK((fcntl(clone, F_GETFD) & FD_CLOEXEC) != 0);
	int low = fcntl(fd, F_DUPFD, 100);
	CHECK(low >= 100 && is_card(low));
	CHECK((fcntl(low, F_GETFD) & FD_CLOEXEC) == 0);
	/* F_SETFD / F_GETFL on a device descriptor. */
	CHECK(fcntl(low, F_SETFD, FD_CLOEXEC) == 0 && (fcntl(low, F_GETFD) & FD_CLOEXEC) != 0);
	CHECK((fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
	/* The card stays open until its last descriptor is closed. */
	CHECK(close(fd) == 0 && is_card(clone) && is_card(low));
	CHECK(close(clone) == 0 && is_card(low));
	CHECK(close(low) == 0);
	errno = 0;
	CHECK(ioctl(low, SPANKER_IOC_PING) == -1 && errno == EBADF);
	/* A failed F_DUPFD is passed through. */
	errno = 0;
	CHECK(fcntl(low, F_DUPFD, 3) == -1 && errno == EBADF);

	int ro = open("/dev/spanker0", O_RDONLY | O_NONBLOCK);
	CHECK(ro >= 0 && is_card(ro));
	CHECK((fcntl(ro, F_GETFL) & O_ACCMODE) == O_RDONLY && (fcntl(ro, F_GETFL) & O_NONBLOCK) != 0);
	close(ro);
	errno = 0;
	CHECK(open("/dev/spankerctl", O_RDWR | O_CREAT | O_EXCL, 0600) == -1 && errno == EEXIST);
}

static void dups(void)
{
	int fd = open("/dev/spankerctl", O_RDWR);
	int d = dup(fd);
	int d2 = dup2(fd, 200);
	int d3 = dup3(fd, 201, O_CLOEXEC);
	CHECK(d >= 0 && d2 == 200 && d3 == 201);
	CHECK(is_card(d) && is_card(d2) && is_card(d3));
	CHECK((fcntl(d3, F_GETFD) & FD_CLOEXEC) != 0 && (fcntl(d2, F_GETFD) & FD_CLOEXEC) == 0);
	errno = 0;
	CHECK(dup3(fd, fd, 0) == -1 && errno == EINVAL); /* as libc says */
	CHECK(dup2(fd, fd) == fd && is_card(fd));
	CHECK(close(fd) == 0 && close(d) == 0 && is_card(d2) && is_card(d3));
	/* dup2 of an ordinary descriptor over a device one: no longer the card. */
	int null_fd = open("/dev/null", O_RDWR);
	CHECK(dup2(null_fd, d2) == d2 && is_not_card(d2));
	CHECK(close(d2) == 0 && close(null_fd) == 0 && is_card(d3));
	CHECK(close(d3) == 0);
}

static void streams(void)
{
	FILE *f = fopen("/dev/spankerctl", "r+");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	const int fd = fileno(f);
	CHECK(is_card(fd));
	CHECK((fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
	CHECK(fclose(f) == 0);
	/* The number is free again; whatever takes it next (a pipe: not seen by the interposer)
	 * is not the card. */
	int p[2];
	CHECK(pipe(p) == 0 && p[0] == fd && is_not_card(p[0]));
	close(p[0]);
	close(p[1]);

	FILE *g = fopen64("/dev/spanker0", "re");
	CHECK(g != NULL && is_card(fileno(g)) && (fcntl(fileno(g), F_GETFD) & FD_CLOEXEC) != 0);
	CHECK(g != NULL && (fcntl(fileno(g), F_GETFL) & O_ACCMODE) == O_RDONLY);
	/* freopen onto the device, then the same file again (NULL), then another file. */
	FILE *h = fopen("/dev/null", "r");
	CHECK(h != NULL && is_not_card(fileno(h)));
	h = freopen("/dev/spankerctl", "w", h);
	CHECK(h != NULL && is_card(fileno(h)));
	h = freopen(NULL, "r+", h);
	CHECK(h != NULL && is_card(fileno(h)));
	h = freopen("/dev/null", "r", h);
	CHECK(h != NULL && is_not_card(fileno(h)));
	if (h != NULL)
		fclose(h);
	if (g != NULL)
		fclose(g);
	errno = 0;
	CHECK(fopen("/dev/spanker1", "r") == NULL && errno == ENOENT); /* SAILSIM_CARDS=1 */
	errno = 0;
	CHECK(fopen("/dev/spankerctl", "wx") == NULL && errno == EEXIST);
}

static void paths(void)
{
	char buf[PATH_MAX];
	char *p = realpath("/dev/spankerctl", NULL);
	CHECK(p != NULL && strcmp(p, "/dev/spankerctl") == 0);
	free(p);
	CHECK(realpath("/dev/spanker0", buf) == buf && strcmp(buf, "/dev/spanker0") == 0);
	p = canonicalize_file_name("/dev/spankerctl");
	CHECK(p != NULL && strcmp(p, "/dev/spankerctl") == 0);
	free(p);
	errno = 0;
	CHECK(realpath("/dev/spanker1", buf) == NULL && errno == ENOENT);
	CHECK(realpath("/dev/../dev/null", buf) == buf && strcmp(buf, "/dev/null") == 0); /* passed on */
}

/* close_range is not interposed: the number it frees keeps its mapping until the interposer
 * sees that it is no longer one of its /dev/null descriptors. */
static void reused_numbers(void)
{
	int fd = open("/dev/spankerctl", O_RDWR);
	CHECK(fd >= 0 && is_card(fd));
	CHECK(close_range((unsigned)fd, (unsigned)fd, 0) == 0);
	int p[2];
	CHECK(pipe(p) == 0 && p[0] == fd && is_not_card(p[0]));
	close(p[0]);
	close(p[1]);
}

static void wide_requests(void)
{
	int fd = open("/dev/spankerctl", O_RDWR);
	CHECK(fd >= 0);
	CHECK(ioctl(fd, 0xFFFFFFFF00000000ul | SPANKER_IOC_PING) == 0);
	/* An int request, sign-extended to unsigned long by ioctl's prototype. */
	struct spanker_version v = {9, 9, 9, 9};
	const int as_int = (int)SPANKER_IOC_GET_VERSION;
	CHECK(ioctl(fd, as_int, &v) == 0 && v.minor == SPANKER_ABI_VERSION_MINOR);
	errno = 0;
	CHECK(ioctl(fd, 0x100000000ul | _IO(SPANKER_IOC_MAGIC, 0x7F)) == -1 && errno == ENOTTY);
	close(fd);
}

int main(void)
{
	fcntl_dups();
	dups();
	streams();
	paths();
	reused_numbers();
	wide_requests();
	if (failures == 0)
		printf("preload_descriptors: all checks passed\n");
	return failures == 0 ? 0 : 1;
}
