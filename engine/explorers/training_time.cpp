// PLACEHOLDER (being written)
#include "explorers/training_time.h"
