#include "sailsim/vecset/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sailsim/vecset/input_error.hpp"

namespace sailsim::vecset {

namespace {

std::string errno_text(int error) { return std::strerror(error); }

[[noreturn]] void refuse_stat_error(const std::filesystem::path& path, int error) {
  switch (error) {
    case ENOENT:
    case ENOTDIR:
      throw InputError(path, "no such file");
    case ELOOP:
      throw InputError(path, "is a symlink loop (too many levels of symbolic links)");
    default:
      throw InputError(path, "cannot be read: " + errno_text(error));
  }
}

// Non-regular files are refused by their type: reading them blocks (FIFO), never ends (device)
// or makes no sense (directory, socket).
void require_regular(const std::filesystem::path& path, const struct stat& st) {
  if (S_ISREG(st.st_mode)) return;
  const char* what = S_ISDIR(st.st_mode)    ? "a directory"
                     : S_ISFIFO(st.st_mode) ? "a FIFO (named pipe)"
                     : S_ISCHR(st.st_mode)  ? "a character device"
                     : S_ISBLK(st.st_mode)  ? "a block device"
                     : S_ISSOCK(st.st_mode) ? "a socket"
                                            : "not a file";
  throw InputError(path, std::string("is ") + what + ", expected a regular file");
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// read(2) retried on EINTR; -1 with errno set on failure.
ssize_t read_some(int fd, char* into, std::size_t n) {
  for (;;) {
    const ssize_t got = ::read(fd, into, n);
    if (got >= 0 || errno != EINTR) return got;
  }
}

}  // namespace

std::string read_input_file(const std::filesystem::path& path) {
  // stat before open: opening a FIFO would block and opening a device can have side effects.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) refuse_stat_error(path, errno);
  require_regular(path, st);

  // O_NONBLOCK: if the path was swapped for a FIFO since the stat, open does not wait for a writer.
  const Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
  if (fd.get() < 0) refuse_stat_error(path, errno);
  if (::fstat(fd.get(), &st) != 0) refuse_stat_error(path, errno);
  require_regular(path, st);

  if (static_cast<uint64_t>(st.st_size) > kMaxInputFileBytes) {
    throw InputError(path, "is " + std::to_string(st.st_size) + " bytes: over the limit of " +
                               std::to_string(kMaxInputFileBytes) + " bytes for an input file");
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  std::string bytes(size, '\0');
  std::size_t done = 0;
  while (done < size) {
    const ssize_t got = read_some(fd.get(), bytes.data() + done, size - done);
    if (got < 0) throw InputError(path, "cannot be read: " + errno_text(errno));
    if (got == 0) {
      throw InputError(path, "short read: its size is " + std::to_string(size) + " bytes but only " +
                                 std::to_string(done) + " could be read");
    }
    done += static_cast<std::size_t>(got);
  }
  // One more read must report the end: a file whose size says 0 but whose read fails
  // (/proc/self/mem) or that has more bytes than its size is not taken as what its size says.
  char extra = 0;
  const ssize_t more = read_some(fd.get(), &extra, 1);
  if (more < 0) throw InputError(path, "cannot be read: " + errno_text(errno));
  if (more > 0) {
    throw InputError(path, "has more bytes than its size (" + std::to_string(size) +
                               " bytes) says: not a regular file that can be read whole");
  }
  return bytes;
}

}  // namespace sailsim::vecset
