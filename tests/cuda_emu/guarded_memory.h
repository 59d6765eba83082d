// A block of memory between two guard zones, for the emulator's shared arrays and the tests'
// device buffers: the bytes start as 0xFF (NaN for floats and bf16, so a value read before it was
// written shows in a result); the guards hold 0xFE (-1.7e38 as a float or bf16: a value read from
// them wrecks a result, and a value computed from them and written back differs from them, where
// NaN would come back as the same NaN) and say afterwards whether anything wrote there; under
// AddressSanitizer the guards are poisoned, so any access to them is reported at the line that
// made it. The data is aligned like cudaMalloc's (256 bytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string>

#if defined(__SANITIZE_ADDRESS__)
#define DOJO_EMU_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DOJO_EMU_ASAN 1
#endif
#endif
#if defined(DOJO_EMU_ASAN)
#include <sanitizer/asan_interface.h>
#endif

namespace cuda_emu {

class GuardedMemory {
public:
    static constexpr std::size_t kGuard = 4096;  // per side; a multiple of the alignment
    static constexpr std::size_t kAlign = 256;
    static constexpr unsigned char kGuardByte = 0xFE;

    explicit GuardedMemory(std::size_t bytes) : bytes_(bytes) {
        base_ = static_cast<unsigned char*>(::operator new(total(), std::align_val_t(kAlign)));
        std::memset(base_, kGuardByte, total());
        std::memset(base_ + kGuard, 0xFF, bytes_);
        poison(true);
    }
    ~GuardedMemory() {
        poison(false);
        ::operator delete(base_, std::align_val_t(kAlign));
    }
    GuardedMemory(const GuardedMemory&) = delete;
    GuardedMemory& operator=(const GuardedMemory&) = delete;

    void* data() const { return base_ + kGuard; }
    std::size_t bytes() const { return bytes_; }

    // "" when both guards still hold their bytes, else where the first changed byte is.
    std::string guards_intact(const std::string& name) const {
        poison(false);
        std::string problem;
        for (std::size_t i = 0; i < kGuard && problem.empty(); ++i)
            if (base_[kGuard - 1 - i] != kGuardByte)
                problem = "something wrote before the start of " + name + ": byte " + std::to_string(i) + " before it changed";
        for (std::size_t i = 0; i < kGuard && problem.empty(); ++i)
            if (base_[kGuard + bytes_ + i] != kGuardByte)
                problem = "something wrote after the end of " + name + " (" + std::to_string(bytes_) + " bytes): byte " +
                          std::to_string(i) + " past it changed";
        poison(true);
        return problem;
    }

private:
    std::size_t total() const { return kGuard + round_up(bytes_) + kGuard; }
    static std::size_t round_up(std::size_t n) { return (n + kAlign - 1) / kAlign * kAlign; }

    void poison(bool on) const {
#if defined(DOJO_EMU_ASAN)
        // The tail guard starts right after the data (not after its rounding), so one byte past
        // the end is already reported.
        const std::size_t tail = total() - kGuard - bytes_;
        if (on) {
            ASAN_POISON_MEMORY_REGION(base_, kGuard);
            ASAN_POISON_MEMORY_REGION(base_ + kGuard + bytes_, tail);
        } else {
            ASAN_UNPOISON_MEMORY_REGION(base_, total());
        }
#else
        (void)on;
#endif
    }

    std::size_t bytes_;
    unsigned char* base_;
};

}  // namespace cuda_emu
