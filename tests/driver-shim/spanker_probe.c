/* What Spanker's smoke test does first: probe for /dev/spankerctl and skip (exit 0) when it
 * is not there; otherwise PING and print the version. Run by preload_settings_test.cpp under
 * LD_PRELOAD with good and bad SAILSIM_* settings, where "skipping" would be a false green.
 *
 *   spanker_probe          stat, open, PING, GET_VERSION: "ok 0.2.0" (exit 0), or "skipping"
 *   spanker_probe --idle   touches nothing (the interposer's load-time checks still run) */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spanker_ioctl.h"

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--idle") == 0)
		return 0;
	struct stat st;
	int fd = -1;
	if (stat("/dev/spankerctl", &st) != 0 || (fd = open("/dev/spankerctl", O_RDWR)) < 0) {
		printf("skipping: no /dev/spankerctl\n");
		return 0;
	}
	struct spanker_version v = {0, 0, 0, 0};
	if (ioctl(fd, SPANKER_IOC_PING) != 0 || ioctl(fd, SPANKER_IOC_GET_VERSION, &v) != 0) {
		printf("the card does not answer\n");
		return 1;
	}
	printf("ok %u.%u.%u\n", v.major, v.minor, v.patch);
	close(fd);
	return 0;
}
