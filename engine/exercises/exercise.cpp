// Kernel languages by name and by file extension (see exercise.h).
#include "exercises/exercise.h"

namespace dojo {

const char* language_name(KernelLanguage language) {
    switch (language) {
        case KernelLanguage::Glsl:
            return "glsl";
        case KernelLanguage::Cuda:
            return "cuda";
        case KernelLanguage::Wgsl:
            return "wgsl";
    }
    return "?";
}

const char* language_extension(KernelLanguage language) {
    switch (language) {
        case KernelLanguage::Glsl:
            return ".comp";
        case KernelLanguage::Cuda:
            return ".cu";
        case KernelLanguage::Wgsl:
            return ".wgsl";
    }
    return "";
}

bool language_from_name(const std::string& name, KernelLanguage& out) {
    for (KernelLanguage l : {KernelLanguage::Glsl, KernelLanguage::Cuda, KernelLanguage::Wgsl})
        if (name == language_name(l)) {
            out = l;
            return true;
        }
    return false;
}

bool language_from_path(const std::string& path, KernelLanguage& out) {
    auto ends_with = [&](const char* ext) {
        const std::string e = ext;
        return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
    };
    if (ends_with(".comp") || ends_with(".glsl")) return out = KernelLanguage::Glsl, true;
    if (ends_with(".cu")) return out = KernelLanguage::Cuda, true;
    if (ends_with(".wgsl")) return out = KernelLanguage::Wgsl, true;
    return false;
}

}  // namespace dojo
