// A kernel exercise as the course declares it (lessons/exercises/<id>/): the task in words, the
// operation the engine computes the right answer for, the problem size and launch shape, hints,
// and the starter code and model solution in each kernel language. Lesson content carries only
// GPU code; the reference answer is computed on the host by engine/exercises/operations.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace dojo {

enum class KernelLanguage { Glsl, Cuda, Wgsl };

// "glsl", "cuda", "wgsl"; the file extensions ".comp", ".cu", ".wgsl".
const char* language_name(KernelLanguage language);
const char* language_extension(KernelLanguage language);
// By name ("glsl", "cuda", "wgsl") or by a file's extension (".comp", ".glsl", ".cu", ".wgsl").
bool language_from_name(const std::string& name, KernelLanguage& out);
bool language_from_path(const std::string& path, KernelLanguage& out);

// A problem's size: n elements, or a width x height grid (2D operations; n = width x height).
struct ProblemSize {
    int n = 0, width = 0, height = 0;
};

// Threads per block (CUDA) or workgroup (GLSL, WGSL), and how many blocks, in x and y.
struct LaunchShape {
    int threads_x = 1, threads_y = 1;
    int blocks_x = 1, blocks_y = 1;
    long long threads() const { return 1LL * threads_x * threads_y * blocks_x * blocks_y; }
};

struct ExerciseCode {
    std::string starter, solution;
};

struct Exercise {
    std::string id, title, task;
    std::string operation;     // an operations.h id: what the output must be
    ProblemSize size;          // the checked problem, small enough to picture
    LaunchShape launch;        // its launch
    ProblemSize bench;         // the larger problem the speed is measured on,
    LaunchShape bench_launch;  // with the same threads per block and more blocks
    int xp = 20;
    std::vector<std::string> hints;
    std::map<KernelLanguage, ExerciseCode> code;  // the languages it is written for
    std::string folder;                           // where its files are, for messages
};

}  // namespace dojo
