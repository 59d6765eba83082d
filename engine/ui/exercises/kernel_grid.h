// Pictures of a kernel exercise's output as cells: before a run, which thread of which block
// computes each element (colours are blocks); after one, the values written, wrong cells marked.
#pragma once

#include "exercises/exercise.h"
#include "exercises/operations.h"
#include "exercises/verdict.h"

namespace dojo {

// Which thread computes which output element, for the exercise's checked problem.
void draw_thread_mapping(const Exercise& exercise, const Operation& op, float width);

// The checked problem's output as the kernel left it: right cells plain, wrong ones red, never
// written ones dashed; hovering a cell says what it should hold.
void draw_output_grid(const Exercise& exercise, const Operation& op, const Verdict& verdict, float width);

}  // namespace dojo
