// Course loading benchmarks: dojo::load_course end to end (listing the folder, reading the files,
// parsing every lesson, course.toml, glossary.toml and faq.toml, and the course-wide checks) on
// synthetic courses of 100 and 400 lessons, and parse_lesson alone on the largest real lesson.
#include <benchmark/benchmark.h>

#include <stdexcept>

#include "course/course_loader.h"
#include "synthetic_course.h"

namespace {

// Goal: under 20 ms per 100 lessons. "per_100_lessons" is CPU time per 100 lessons, reading the files
// included (from the page cache: the folder was just written) and freeing the loaded course excluded.
void BM_LoadCourse(benchmark::State& state) {
    const int lessons = static_cast<int>(state.range(0));
    std::filesystem::path dir;
    try {
        dir = dojo::bench::synthetic_course_dir(lessons);
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
        return;
    }
    for (auto _ : state) {
        dojo::Course course = dojo::load_course(dir);
        benchmark::DoNotOptimize(course.lessons.data());
        state.PauseTiming();  // freeing the course is not loading it (the apps free it once, at exit)
        { const dojo::Course freed = std::move(course); }
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * lessons);
    state.counters["per_100_lessons"] =
        benchmark::Counter(lessons / 100.0, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_LoadCourse)->Name("course/load")->Arg(100)->Arg(400)->ArgName("lessons")->Unit(benchmark::kMillisecond);

// parse_lesson on the largest real lesson, from memory: front matter, Markdown, quizzes, diagrams.
void BM_ParseLargestLesson(benchmark::State& state) {
    const dojo::bench::LessonText* lesson = nullptr;
    try {
        lesson = &dojo::bench::largest_lesson();
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
        return;
    }
    for (auto _ : state) {
        dojo::Lesson parsed = dojo::parse_lesson(lesson->text, lesson->path);
        benchmark::DoNotOptimize(parsed.blocks.data());
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(lesson->text.size()));
    state.SetLabel(std::filesystem::path(lesson->path).filename().string());
}
BENCHMARK(BM_ParseLargestLesson)->Name("course/parse_largest_lesson")->Unit(benchmark::kMicrosecond);

}  // namespace
