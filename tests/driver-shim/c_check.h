/* CHECK(cond) for the C test programs: report a failed condition with errno and go on;
 * main() returns `failures != 0`. */
#ifndef SAILSIM_TEST_C_CHECK_H
#define SAILSIM_TEST_C_CHECK_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int failures = 0;
#define CHECK(cond)                                                                                 \
	do {                                                                                        \
		if (!(cond)) {                                                                      \
			fprintf(stderr, "%s:%d: CHECK(%s) failed (errno %d: %s)\n", __FILE__, __LINE__, \
				#cond, errno, strerror(errno));                                     \
			++failures;                                                                 \
		}                                                                                   \
	} while (0)

#endif
