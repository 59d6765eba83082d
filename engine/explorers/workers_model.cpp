// PLACEHOLDER (being written)
#include "explorers/workers_model.h"
