// PLACEHOLDER (being written)
#include "explorers/vram_plan.h"
