// Pictures of a kernel exercise's output as cells: before a run, which thread of which block
// computes each element (colours are blocks); after one, the values written, wrong cells marked,
// and what each thread read and wrote in the traced run.
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

// The traced run: one cell per thread of the launch with how many values of a and b it read;
// threads in a race are outlined red; hovering a thread lists what it read and wrote.
void draw_thread_trace(const Exercise& exercise, const Operation& op, const TraceReport& trace, float width);

}  // namespace dojo
