// PLACEHOLDER (being written)
#include "explorers/cloud_cost.h"
