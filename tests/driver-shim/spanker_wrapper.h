/* What ggml-spanker's bindgen build includes (its wrapper.h): the UAPI header alone. */
#include "spanker_ioctl.h"
