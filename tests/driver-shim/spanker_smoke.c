/* What a Spanker runtime does, with the real open()/ioctl()/close()/stat() of libc: run under
 * LD_PRELOAD=libsailsim_preload.so, /dev/spankerctl is a simulated Sail card.
 *
 *   spanker_smoke A.bin B.bin OUT.bin M K N EXPECTED_MINOR
 *
 * PING, GET_VERSION (major 0, minor EXPECTED_MINOR), MEM_ALLOC, MEM_WRITE A and B,
 * WORK_SUBMIT, WAIT, MEM_READ OUT, compared bit for bit with OUT.bin; ENOTTY for a wrong
 * magic, EFAULT for a bad pointer; stat/access/fstat say character device. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "spanker_ioctl.h"

#include "c_check.h"

static unsigned char *load(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "cannot open %s\n", path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *p = malloc((size_t)n);
	if (!p || fread(p, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	*size = (size_t)n;
	return p;
}

static uint64_t dev_alloc(int fd, uint64_t size)
{
	struct spanker_mem_alloc a = {size, 0, 0};
	CHECK(ioctl(fd, SPANKER_IOC_MEM_ALLOC, &a) == 0);
	return a.addr;
}

int main(int argc, char **argv)
{
	if (argc != 8) {
		fprintf(stderr, "usage: %s A.bin B.bin OUT.bin M K N EXPECTED_MINOR\n", argv[0]);
		return 2;
	}
	size_t a_size, b_size, out_size;
	unsigned char *a = load(argv[1], &a_size);
	unsigned char *b = load(argv[2], &b_size);
	unsigned char *expected = load(argv[3], &out_size);
	const uint32_t m = (uint32_t)strtoul(argv[4], NULL, 0);
	const uint32_t k = (uint32_t)strtoul(argv[5], NULL, 0);
	const uint32_t n = (uint32_t)strtoul(argv[6], NULL, 0);
	const int expected_minor = atoi(argv[7]);
	CHECK(a_size == (size_t)m * k / 256 * 144);
	CHECK(b_size == (size_t)n * k / 256 * 292);
	CHECK(out_size == (size_t)m * n * 4);

	/* The runtime first checks that the device exists. */
	struct stat st;
	CHECK(stat("/dev/spankerctl", &st) == 0);
	CHECK(S_ISCHR(st.st_mode));
	CHECK(access("/dev/spankerctl", R_OK | W_OK) == 0);
	CHECK(stat("/dev/spanker0", &st) == 0 && S_ISCHR(st.st_mode));
	CHECK(stat("/dev/spanker1", &st) == -1 && errno == ENOENT); /* SAILSIM_CARDS=1 */
	CHECK(open("/dev/spanker1", O_RDWR) == -1 && errno == ENOENT);

	int fd = open("/dev/spankerctl", O_RDWR | O_CLOEXEC);
	CHECK(fd >= 0);
	if (fd < 0) {
		free(a);
		free(b);
		free(expected);
		return 1;
	}
	CHECK(fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == 240);

	CHECK(ioctl(fd, SPANKER_IOC_PING) == 0);
	struct spanker_version v;
	memset(&v, 0xFF, sizeof v);
	CHECK(ioctl(fd, SPANKER_IOC_GET_VERSION, &v) == 0);
	CHECK(v.major == 0 && v.minor == expected_minor && v.reserved == 0);
	printf("spanker_smoke: version %u.%u.%u\n", v.major, v.minor, v.patch);

	/* Errors as the kernel driver gives them. */
	errno = 0;
	CHECK(ioctl(fd, _IO(0xE4, 0x01)) == -1 && errno == ENOTTY);
	errno = 0;
	CHECK(ioctl(fd, _IO(SPANKER_IOC_MAGIC, 0x55)) == -1 && errno == ENOTTY);
	void *bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(bad != MAP_FAILED);
	errno = 0;
	CHECK(ioctl(fd, SPANKER_IOC_GET_VERSION, bad) == -1 && errno == EFAULT);

	/* The matmul. */
	const uint64_t a_addr = dev_alloc(fd, a_size);
	const uint64_t b_addr = dev_alloc(fd, b_size);
	const uint64_t out_addr = dev_alloc(fd, out_size);
	struct spanker_mem_xfer x = {a_addr, (uint64_t)(uintptr_t)a, a_size};
	CHECK(ioctl(fd, SPANKER_IOC_MEM_WRITE, &x) == 0);
	x = (struct spanker_mem_xfer){b_addr, (uint64_t)(uintptr_t)b, b_size};
	CHECK(ioctl(fd, SPANKER_IOC_MEM_WRITE, &x) == 0);
	x = (struct spanker_mem_xfer){b_addr, (uint64_t)(uintptr_t)bad, 64};
	errno = 0;
	CHECK(ioctl(fd, SPANKER_IOC_MEM_WRITE, &x) == -1 && errno == EFAULT);

	struct spanker_work_submit w;
	memset(&w, 0, sizeof w);
	w.a = a_addr, w.b = b_addr, w.out = out_addr, w.m = m, w.k = k, w.n = n, w.tag = 0x5A11;
	CHECK(ioctl(fd, SPANKER_IOC_WORK_SUBMIT, &w) == 0);
	CHECK(w.job == 1);
	struct spanker_wait wt = {w.job, 0, 0, 0, 0};
	CHECK(ioctl(fd, SPANKER_IOC_WAIT, &wt) == 0);
	CHECK(wt.status == 0 && wt.tag == 0x5A11);

	unsigned char *out = malloc(out_size);
	memset(out, 0xEE, out_size);
	x = (struct spanker_mem_xfer){out_addr, (uint64_t)(uintptr_t)out, out_size};
	CHECK(ioctl(fd, SPANKER_IOC_MEM_READ, &x) == 0);
	size_t mismatches = 0;
	for (size_t i = 0; i + 4 <= out_size; i += 4) {
		if (memcmp(out + i, expected + i, 4) != 0) {
			if (mismatches < 5)
				fprintf(stderr, "out[%zu] differs\n", i / 4);
			++mismatches;
		}
	}
	CHECK(mismatches == 0);
	printf("spanker_smoke: %ux%ux%u matmul, %zu outputs bit for bit, %llu busy cycles\n", m, k, n,
	       out_size / 4, (unsigned long long)wt.cycles);

	w.k = 300;
	errno = 0;
	CHECK(ioctl(fd, SPANKER_IOC_WORK_SUBMIT, &w) == -1 && errno == EINVAL);

	CHECK(close(fd) == 0);
	/* After close the descriptor is an ordinary closed one again. */
	errno = 0;
	CHECK(ioctl(fd, SPANKER_IOC_PING) == -1 && errno == EBADF);
	/* Other paths pass through. */
	CHECK(stat("/", &st) == 0 && S_ISDIR(st.st_mode));
	int null_fd = open("/dev/null", O_RDONLY);
	CHECK(null_fd >= 0);
	errno = 0;
	CHECK(ioctl(null_fd, SPANKER_IOC_PING) == -1 && errno == ENOTTY);
	close(null_fd);

	munmap(bad, 4096);
	free(a);
	free(b);
	free(expected);
	free(out);
	if (failures == 0)
		printf("spanker_smoke: all checks passed\n");
	return failures == 0 ? 0 : 1;
}
