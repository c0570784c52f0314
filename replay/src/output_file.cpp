// Output files: checked with stat(2) / access(2) up front (nothing is created or truncated
// before the run: a run stopped by bad input leaves existing reports alone), written with
// open / write / close so that errno is the real reason of a failure.
#include "sailsim/replay/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sailsim::replay {

namespace fs = std::filesystem;

OutputError::OutputError(const fs::path& path, const std::string& reason)
    : std::runtime_error("cannot write " + path.string() + ": " + reason) {}

namespace {

std::string file_type(mode_t mode) {
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

}  // namespace

std::string output_problem(const fs::path& path, OutputKind kind) {
  if (path.empty()) return "an empty path";
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return "it is a directory";
    if (kind == OutputKind::Regular && !S_ISREG(st.st_mode)) {
      return "it is " + file_type(st.st_mode) + " (an FST waveform needs a regular file)";
    }
    if (::access(path.c_str(), W_OK) != 0) return std::string("it is not writable (") + std::strerror(errno) + ")";
    if (kind == OutputKind::Any) return "";
  } else if (errno != ENOENT) {
    return std::strerror(errno);
  }
  // A new file (or, for the FST, its <path>.hier companion) is created in the folder.
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (::stat(folder.c_str(), &st) != 0) {
    return errno == ENOENT ? "the folder " + folder.string() + " does not exist"
                           : "the folder " + folder.string() + ": " + std::strerror(errno);
  }
  if (!S_ISDIR(st.st_mode)) return folder.string() + " is not a folder";
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    return "the folder " + folder.string() + " is not writable (" + std::strerror(errno) + ")";
  }
  return "";
}

void write_output_file(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) throw OutputError(path, std::strerror(errno));
  for (size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int e = n < 0 ? errno : EIO;
      ::close(fd);
      throw OutputError(path, std::strerror(e));
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) throw OutputError(path, std::strerror(errno));
}

}  // namespace sailsim::replay
