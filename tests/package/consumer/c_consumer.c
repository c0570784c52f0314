/* The installed C ABI: a card, the Spanker ABI version by ioctl, sailsim's own version. */
#include <stdio.h>

#include "sailsim.h"
#include "sailsim_version.h"

int main(void)
{
	sailsim_card *card = sailsim_open(NULL);
	if (card == NULL)
		return 1;
	struct spanker_version abi;
	if (sailsim_ioctl(card, SPANKER_IOC_GET_VERSION, &abi) != 0)
		return 1;
	unsigned major, minor, patch;
	const char *version = sailsim_version(&major, &minor, &patch);
	printf("library %s (%u.%u.%u) headers %s spanker-abi %u.%u.%u\n", version, major, minor, patch,
	       SAILSIM_VERSION_STRING, (unsigned)abi.major, (unsigned)abi.minor, (unsigned)abi.patch);
	sailsim_close(card);
	return 0;
}
