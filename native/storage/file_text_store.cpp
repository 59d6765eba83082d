// FileTextStore: POSIX file I/O, so every failure can be reported with the path and strerror
// (read-only folder, disk full) rather than a bare "stream failed".
#include "storage/file_text_store.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <system_error>

namespace dojo {

namespace {

std::string describe(const std::string& action, const std::filesystem::path& path, int error_number) {
    return "could not " + action + " " + path.string() + ": " + std::strerror(error_number);
}

// Closes the descriptor on every way out of a function.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }
    // Closes now, reporting the result: on some file systems a failed write only shows up here.
    int close() {
        const int result = ::close(fd_);
        fd_ = -1;
        return result;
    }

private:
    int fd_;
};

bool write_all(int fd, const std::string& text) {
    const char* data = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        const ssize_t written = ::write(fd, data, left);
        if (written < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data += written;
        left -= static_cast<std::size_t>(written);
    }
    return true;
}

}  // namespace

FileTextStore::FileTextStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

std::filesystem::path FileTextStore::default_dir() {
    // The XDG spec says a relative $XDG_DATA_HOME is invalid and must be ignored.
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && xdg[0] == '/') {
        return std::filesystem::path(xdg) / "compute-dojo";
    }
    const char* home = std::getenv("HOME");
    if (!home || home[0] == '\0') {
        if (const passwd* user = ::getpwuid(::getuid()); user && user->pw_dir) home = user->pw_dir;
    }
    if (!home || home[0] == '\0') return std::filesystem::path("compute-dojo");
    return std::filesystem::path(home) / ".local" / "share" / "compute-dojo";
}

std::string FileTextStore::location(const std::string& name) const {
    return (dir_ / name).string();
}

TextStore::ReadStatus FileTextStore::read(const std::string& name, std::string& text, std::string& error) {
    const std::filesystem::path path = dir_ / name;
    FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (file.get() < 0) {
        if (errno == ENOENT) return ReadStatus::Missing;
        error = describe("read", path, errno);
        return ReadStatus::Error;
    }
    std::string content;
    char buffer[64 * 1024];
    while (true) {
        const ssize_t got = ::read(file.get(), buffer, sizeof buffer);
        if (got < 0) {
            if (errno == EINTR) continue;
            error = describe("read", path, errno);  // EISDIR lands here too: open() accepts a folder
            return ReadStatus::Error;
        }
        if (got == 0) break;
        content.append(buffer, static_cast<std::size_t>(got));
    }
    text = std::move(content);
    return ReadStatus::Ok;
}

int FileTextStore::remove_stale_temps(const std::string& name) {
    // A crash between creating the temp file and renaming it leaves ".<name>.tmp-XXXXXX" behind. One
    // that has not changed for a minute belongs to no save in progress (another instance's write
    // takes milliseconds), so it goes.
    const std::string prefix = "." + name + ".tmp-";
    const auto now = std::filesystem::file_time_type::clock::now();
    int removed = 0;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
        const std::string file = entry.path().filename().string();
        if (file.size() != prefix.size() + 6 || file.rfind(prefix, 0) != 0) continue;
        std::error_code ec2;
        const auto changed = std::filesystem::last_write_time(entry.path(), ec2);
        if (ec2 || now - changed < std::chrono::minutes(1)) continue;
        if (std::filesystem::remove(entry.path(), ec2)) ++removed;
    }
    stale_temps_removed_ += removed;
    return removed;
}

bool FileTextStore::write(const std::string& name, const std::string& text, std::string& error) {
    const std::filesystem::path target = dir_ / name;
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) {
        error = "could not create the folder " + dir_.string() + ": " + ec.message();
        return false;
    }

    if (swept_.insert(name).second) remove_stale_temps(name);

    // The temp file sits beside the target, so rename() stays within one file system and is atomic.
    std::string temp_name = (dir_ / ("." + name + ".tmp-XXXXXX")).string();
    FileDescriptor temp(::mkostemp(temp_name.data(), O_CLOEXEC));
    if (temp.get() < 0) {
        error = describe("save", target, errno);
        return false;
    }
    const auto discard_temp = [&](int error_number) {
        error = describe("save", target, error_number);
        ::unlink(temp_name.c_str());
        return false;
    };
    // mkstemp makes the file 0600; progress is the learner's own, so a plain 0644 like any saved file.
    ::fchmod(temp.get(), 0644);
    if (!write_all(temp.get(), text)) return discard_temp(errno);
    if (::fsync(temp.get()) != 0) return discard_temp(errno);
    if (temp.close() != 0) return discard_temp(errno);
    if (::rename(temp_name.c_str(), target.c_str()) != 0) return discard_temp(errno);

    // Make the rename itself durable. A failure here is not reported: the data is written and
    // renamed, and some file systems simply do not support fsync on a folder.
    FileDescriptor folder(::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (folder.get() >= 0) ::fsync(folder.get());
    return true;
}

}  // namespace dojo
