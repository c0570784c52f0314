/* Spanker's own header first, then sailsim's (through the wrapper): it compiles, the v0.1
 * part is Spanker's (guard), and sailsim's v0.2 names are added. See spanker_names.c. */
#include "spanker_ioctl_upstream.h"
#include "spanker_wrapper.h"

#ifndef SPANKER_IOC_WORK_SUBMIT
#error "sailsim's v0.2 names are missing after Spanker's header"
#endif

unsigned spanker_upstream_first_version_minor(void);
unsigned long spanker_upstream_first_work_submit(void);

unsigned spanker_upstream_first_version_minor(void) { return SPANKER_ABI_VERSION_MINOR; }

unsigned long spanker_upstream_first_work_submit(void) { return SPANKER_IOC_WORK_SUBMIT; }
