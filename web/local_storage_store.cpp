// localStorage reads and writes, each wrapped in try/catch on the JavaScript side.
#include "local_storage_store.h"

#include <emscripten.h>

#include <cstdlib>

namespace dojo {

namespace {

// Returns a malloc'ed UTF-8 string: "v" + value, "m" when missing, or "e" + error.
// clang-format off
EM_JS(char*, dojo_storage_get, (const char* key), {
    let out;
    try {
        const v = window.localStorage.getItem(UTF8ToString(key));
        out = v === null ? "m" : "v" + v;
    } catch (e) {
        out = "e" + (e && e.name ? e.name + ": " : "") + (e && e.message ? e.message : String(e));
    }
    const n = lengthBytesUTF8(out) + 1;
    const p = _malloc(n);
    stringToUTF8(out, p, n);
    return p;
});
// clang-format on

// Returns null on success, else a malloc'ed error message.
// clang-format off
EM_JS(char*, dojo_storage_set, (const char* key, const char* value), {
    try {
        window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value));
        return 0;
    } catch (e) {
        const quota = e && (e.name === "QuotaExceededError" || e.code === 22);
        const out = quota ? "the storage for this site in the browser is full" : "the browser does not allow this site to store data (" + (e && e.name ? e.name : String(e)) + ")";
        const n = lengthBytesUTF8(out) + 1;
        const p = _malloc(n);
        stringToUTF8(out, p, n);
        return p;
    }
});
// clang-format on

std::string key_for(const std::string& name) {
    return "compute-dojo/" + name;
}

}  // namespace

TextStore::ReadStatus LocalStorageStore::read(const std::string& name, std::string& text, std::string& error) {
    char* raw = dojo_storage_get(key_for(name).c_str());
    const std::string result = raw ? raw : "eno answer from localStorage";
    std::free(raw);
    if (result.empty() || result[0] == 'm') return ReadStatus::Missing;
    if (result[0] == 'e') {
        error = "the browser's storage cannot be read: " + result.substr(1);
        return ReadStatus::Error;
    }
    text = result.substr(1);
    return ReadStatus::Ok;
}

bool LocalStorageStore::write(const std::string& name, const std::string& text, std::string& error) {
    char* raw = dojo_storage_set(key_for(name).c_str(), text.c_str());
    if (!raw) return true;
    error = raw;
    std::free(raw);
    return false;
}

std::string LocalStorageStore::location(const std::string& name) const {
    return "the browser's storage (" + key_for(name) + ")";
}

}  // namespace dojo
