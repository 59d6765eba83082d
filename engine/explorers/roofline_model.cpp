// PLACEHOLDER (being written)
#include "explorers/roofline_model.h"
