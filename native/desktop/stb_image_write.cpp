// The one translation unit that compiles stb_image_write (from Debian's libstb-dev).
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>
