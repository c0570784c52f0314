/* The C ABI (sailsim.h, libsailsim.so) from C: open, ioctls, snapshot, the DDR and host logs,
 * a config file that does not parse, close, the version. argv[1]: a directory to write a bad config in. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sailsim.h"
#include "sailsim_version.h"

#include "c_check.h"

int main(int argc, char **argv)
{
	sailsim_card *card = sailsim_open(NULL);
	CHECK(card != NULL);
	if (card == NULL)
		return 1;
	CHECK(sailsim_ioctl(card, SPANKER_IOC_PING, NULL) == 0);
	struct spanker_version v;
	memset(&v, 0xFF, sizeof v);
	CHECK(sailsim_ioctl(card, SPANKER_IOC_GET_VERSION, &v) == 0);
	CHECK(v.major == 0 && v.minor == 2 && v.patch == 0 && v.reserved == 0);
	CHECK(sailsim_ioctl(card, _IO(0x12, 0x01), NULL) == -ENOTTY);
	CHECK(sailsim_ioctl(card, SPANKER_IOC_GET_VERSION, NULL) == -EFAULT);

	struct spanker_mem_alloc a = {100, 0, 0};
	CHECK(sailsim_ioctl(card, SPANKER_IOC_MEM_ALLOC, &a) == 0);
	CHECK(a.addr == 0x10000);
	unsigned char bytes[100];
	for (int i = 0; i < 100; ++i)
		bytes[i] = (unsigned char)(i + 1);
	struct spanker_mem_xfer x = {a.addr, (uint64_t)(uintptr_t)bytes, sizeof bytes};
	CHECK(sailsim_ioctl(card, SPANKER_IOC_MEM_WRITE, &x) == 0);

	struct sailsim_line lines[8];
	const size_t n = sailsim_snapshot(card, 0x10000, 0x1FFFF, lines, 8);
	CHECK(n == 4); /* 100 bytes: 4 lines */
	CHECK(lines[0].addr == 0x10000 && lines[0].data[0] == 1 && lines[0].data[31] == 32);
	CHECK(lines[3].addr == 0x10060 && lines[3].data[3] == 100);
	CHECK(sailsim_snapshot(card, 0x10000, 0x1FFFF, NULL, 0) == 4);

	struct sailsim_txn t[4];
	const size_t got = sailsim_last_n_transactions(card, 4, t);
	CHECK(got == 1);
	CHECK(t[0].dir == SAILSIM_TXN_WRITE && t[0].addr == 0x10000 && t[0].beats == 4 && t[0].resp == 0);
	CHECK(t[0].burst == 1 && t[0].size == 5 && t[0].bytes == 100);
	const size_t host = sailsim_last_n_host_transactions(card, 4, t);
	CHECK(host >= 1 && t[host - 1].addr == 0x10000 && t[host - 1].dir == SAILSIM_TXN_WRITE);
	CHECK(sailsim_cycle(card) > 0);
	sailsim_close(card);

	/* A config that does not parse: NULL, and the reason on stderr. */
	if (argc > 1) {
		char path[4096];
		snprintf(path, sizeof path, "%s/c_abi_bad_config.yaml", argv[1]);
		FILE *f = fopen(path, "w");
		CHECK(f != NULL);
		if (f) {
			fputs("version: 0.1.0\nmemory:\n  colour: blue\n", f);
			fclose(f);
			CHECK(sailsim_open(path) == NULL);
		}
	}
	CHECK(sailsim_open("/nonexistent/sailsim.yaml") == NULL);
	CHECK(sailsim_ioctl(NULL, SPANKER_IOC_PING, NULL) == -ENODEV);
	sailsim_close(NULL);

	/* The library's version is the headers' (both from project() in CMakeLists.txt). */
	unsigned major = 99, minor = 99, patch = 99;
	const char *version = sailsim_version(&major, &minor, &patch);
	CHECK(major == SAILSIM_VERSION_MAJOR && minor == SAILSIM_VERSION_MINOR && patch == SAILSIM_VERSION_PATCH);
	CHECK(version != NULL && strcmp(version, SAILSIM_VERSION_STRING) == 0);
	char formatted[32];
	snprintf(formatted, sizeof formatted, "%u.%u.%u", major, minor, patch);
	CHECK(version != NULL && strcmp(version, formatted) == 0);
	CHECK(sailsim_version(NULL, NULL, NULL) == version);

	if (failures == 0)
		printf("c_abi_smoke: all checks passed\n");
	return failures == 0 ? 0 : 1;
}
