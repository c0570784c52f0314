// libsailsim_preload.so: an LD_PRELOAD interposer that makes /dev/spankerctl and
// /dev/spanker0../dev/spanker<N-1> simulated Sail cards inside the process.
//
//   LD_PRELOAD=build/driver-shim/libsailsim_preload.so ./my_runtime_binary
//
// open/open64/openat/openat64 (and glibc's _FORTIFY_SOURCE __open*_2), fopen/fopen64/freopen
// of a device path give a real, unique descriptor (a /dev/null descriptor) that the interposer
// remembers; ioctl on it goes to the card's shim::Device; dup/dup2/dup3/fcntl(F_DUPFD*) carry
// it over; close/fclose forget it. stat/lstat/fstat/fstatat/statx/access/faccessat (and
// glibc's older __xstat family, still exported by glibc 2.36) report a character device for
// the paths and the descriptors; realpath returns the path. Everything else goes to the next
// definition (libc) through dlsym(RTLD_NEXT).
//
// Environment (read and checked when the library is loaded: a bad value stops the program
// with exit status 2 and one line naming it; an empty value is the same as none):
//   SAILSIM_CARDS    cards, default 1 (/dev/spanker0 .. /dev/spanker<N-1>; spankerctl is card 0)
//   SAILSIM_CONFIG   the YAML config file (docs/driver-shim.md)
//   SAILSIM_VERSION  what GET_VERSION reports, e.g. 0.1.0 (over the config file's version)
//   SAILSIM_FST      an FST waveform of card 0 (card i > 0: <stem>.<i><ext>)
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <mutex>
#include <string>
#include <utility>

#include "sailsim/shim/config_file.hpp"
#include "sailsim/shim/device.hpp"

#define SAILSIM_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

using sailsim::shim::Device;

constexpr int kMaxFd = 1 << 16;
constexpr int kMaxCards = 64;
constexpr unsigned kCtlMinor = 255;     // /dev/spankerctl
constexpr unsigned kDeviceMajor = 240;  // a "local/experimental" character major

// Descriptor -> device node minor + 1 (0: not ours). Lock-free: the card's own code may open
// and close files (an FST waveform) while a card is in use.
std::atomic<int> g_fd_minor[kMaxFd];
std::atomic<Device*> g_devices[kMaxCards];
std::mutex g_create_mutex;

template <class Fn>
Fn next_symbol(const char* name) {
  void* sym = dlsym(RTLD_NEXT, name);
  if (sym == nullptr) sym = dlvsym(RTLD_NEXT, name, "GLIBC_2.2.5");
  if (sym == nullptr) {
    std::fprintf(stderr, "sailsim preload: no next definition of %s\n", name);
    std::abort();
  }
  return reinterpret_cast<Fn>(sym);
}

#define REAL(name, type)                                           \
  static const auto real_##name = next_symbol<type>(#name);       \
  (void)real_##name

// ---- Settings --------------------------------------------------------------------------
//
// Read once, at load time (check_settings below), so that a misconfigured interposer stops the
// program before it can probe for the device, find it absent and "skip". Only parsing and
// checking happen here; a card is built when it is first opened.

const char* setting(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : nullptr;
}

[[noreturn]] void bad_setting(const char* name, const char* value, const std::string& expected) {
  std::string line = std::string("sailsim preload: ") + name + "=" + value + ": " + expected;
  for (char& c : line) {
    if (c == '\n') c = ' ';  // one line, whatever the reason says
  }
  std::fprintf(stderr, "%s\n", line.c_str());
  _exit(2);  // the project's "bad input"; nothing of the program has run yet
}

// Kept apart from the other settings: minor_of_path needs it, and the other settings' own
// checks (reading the config file, stat of the FST directory) go through interposed calls.
int card_count() {
  static const int cards = [] {
    const char* env = setting("SAILSIM_CARDS");
    if (env == nullptr) return 1;
    int n = 0;
    for (const char* p = env; *p != '\0'; ++p) {
      if (*p < '0' || *p > '9' || n > kMaxCards) {
        bad_setting("SAILSIM_CARDS", env, "expected a number of cards, 0.." + std::to_string(kMaxCards));
      }
      n = n * 10 + (*p - '0');
    }
    if (n > kMaxCards) bad_setting("SAILSIM_CARDS", env, "expected a number of cards, 0.." + std::to_string(kMaxCards));
    return n;
  }();
  return cards;
}

struct Settings {
  sailsim::shim::DeviceConfig config;  // SAILSIM_CONFIG, then SAILSIM_VERSION over it
  std::string fst;                     // SAILSIM_FST, or empty
};

std::string directory_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

int minor_of_path(const char* path);

Settings read_settings() {
  Settings s;
  if (const char* path = setting("SAILSIM_CONFIG")) {
    if (minor_of_path(path) >= 0) bad_setting("SAILSIM_CONFIG", path, "is a device node; expected a YAML config file");
    struct stat st;
    if (::stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
      bad_setting("SAILSIM_CONFIG", path, "is a directory; expected a YAML config file (docs/driver-shim.md)");
    }
    try {
      s.config = sailsim::shim::load_config(path);
    } catch (const std::exception& e) {
      bad_setting("SAILSIM_CONFIG", path, std::string(e.what()) + "; expected a YAML config file (docs/driver-shim.md)");
    }
  }
  if (const char* v = setting("SAILSIM_VERSION")) {
    try {
      s.config.version = sailsim::shim::parse_version(v);
    } catch (const std::exception&) {
      bad_setting("SAILSIM_VERSION", v, "expected MAJOR.MINOR.PATCH (each 0..65535), e.g. 0.1.0 or 0.2.0");
    }
  }
  if (const char* fst = setting("SAILSIM_FST")) {
    s.fst = fst;
    struct stat st;
    const std::string dir = directory_of(s.fst);
    if (s.fst.back() == '/' || (::stat(fst, &st) == 0 && S_ISDIR(st.st_mode))) {
      bad_setting("SAILSIM_FST", fst, "is a directory; expected the path of a waveform file to write");
    }
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || ::access(dir.c_str(), W_OK | X_OK) != 0) {
      bad_setting("SAILSIM_FST", fst, "directory '" + dir + "' does not exist or is not writable; expected the path of a waveform file to write");
    }
  }
  return s;
}

const Settings& settings() {
  static const Settings s = read_settings();
  return s;
}

__attribute__((constructor)) void check_settings() {
  (void)card_count();
  (void)settings();
}

// The device node minor of a path (kCtlMinor, or the card index), or -1.
int minor_of_path(const char* path) {
  if (path == nullptr) return -1;
  static constexpr char kPrefix[] = "/dev/spanker";
  if (std::strncmp(path, kPrefix, sizeof kPrefix - 1) != 0) return -1;
  const char* rest = path + sizeof kPrefix - 1;
  if (std::strcmp(rest, "ctl") == 0) return card_count() > 0 ? static_cast<int>(kCtlMinor) : -1;
  if (*rest < '0' || *rest > '9' || (rest[0] == '0' && rest[1] != '\0')) return -1;
  int n = 0;
  for (; *rest != '\0'; ++rest) {
    if (*rest < '0' || *rest > '9' || n > kMaxCards) return -1;
    n = n * 10 + (*rest - '0');
  }
  return n < card_count() ? n : -1;
}

int card_of_minor(int minor) { return minor == static_cast<int>(kCtlMinor) ? 0 : minor; }

// A path relative to dirfd is only ours when it is absolute.
int minor_at(int /*dirfd*/, const char* path) { return minor_of_path(path); }

// A descriptor libc handed out for something else is not ours, whatever it was before (ours
// may have been closed behind the interposer's back, e.g. by close_range).
int forget(int fd) {
  if (fd >= 0 && fd < kMaxFd) g_fd_minor[fd].store(0, std::memory_order_release);
  return fd;
}

bool is_dev_null(int fd) {
  REAL(stat, int (*)(const char*, struct stat*));
  REAL(fstat, int (*)(int, struct stat*));
  static const std::pair<dev_t, ino_t> null_node = [&] {
    struct stat st{};
    real_stat("/dev/null", &st);
    return std::pair{st.st_dev, st.st_ino};
  }();
  struct stat st;
  return real_fstat(fd, &st) == 0 && st.st_dev == null_node.first && st.st_ino == null_node.second;
}

int minor_of_fd(int fd) {
  if (fd < 0 || fd >= kMaxFd) return -1;
  const int minor = g_fd_minor[fd].load(std::memory_order_acquire) - 1;
  // Ours are /dev/null descriptors: a number closed and handed out again by a call the
  // interposer does not see (socket, pipe, libc's own opens) must not reach the card.
  if (minor >= 0 && !is_dev_null(fd)) {
    forget(fd);
    return -1;
  }
  return minor;
}

void remember(int fd, int minor) { g_fd_minor[fd].store(minor + 1, std::memory_order_release); }

std::string fst_path_for(const char* base, int card) {
  std::string path = base;
  if (card == 0) return path;
  const size_t slash = path.rfind('/');
  const size_t dot = path.rfind('.');
  const std::string suffix = "." + std::to_string(card);
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return path + suffix;
  return path.insert(dot, suffix);
}

Device* device(int card) {
  Device* dev = g_devices[card].load(std::memory_order_acquire);
  if (dev != nullptr) return dev;
  std::lock_guard lock(g_create_mutex);
  dev = g_devices[card].load(std::memory_order_acquire);
  if (dev != nullptr) return dev;
  try {
    sailsim::shim::DeviceConfig config = settings().config;
    if (!settings().fst.empty()) config.card.simulation.fst_path = fst_path_for(settings().fst.c_str(), card);
    dev = new Device(std::move(config));  // lives until exit (see the destructor below)
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sailsim preload: card %d: %s\n", card, e.what());
    return nullptr;
  } catch (...) {
    std::fprintf(stderr, "sailsim preload: card %d: unknown error\n", card);
    return nullptr;
  }
  g_devices[card].store(dev, std::memory_order_release);
  return dev;
}

// Cards are kept for the life of the process, like a driver's state across open/close. With
// a waveform, they are destroyed at exit so that the FST file is complete; otherwise they are
// left alone (still reachable, so LeakSanitizer does not count them).
__attribute__((destructor)) void close_cards() {
  if (setting("SAILSIM_FST") == nullptr) return;
  for (auto& slot : g_devices) {
    Device* dev = slot.exchange(nullptr);
    try {
      delete dev;
    } catch (...) {
    }
  }
}

int open_device(int minor, int flags) {
  REAL(open, int (*)(const char*, int, ...));
  if ((flags & O_DIRECTORY) != 0) {
    errno = ENOTDIR;
    return -1;
  }
  if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
    errno = EEXIST;
    return -1;
  }
  if (device(card_of_minor(minor)) == nullptr) {
    errno = ENXIO;
    return -1;
  }
  // The caller's access mode and status flags, so that fcntl(F_GETFL) reports them.
  const int fd = real_open("/dev/null", flags & (O_ACCMODE | O_CLOEXEC | O_NONBLOCK | O_APPEND));
  if (fd < 0) return -1;
  if (fd >= kMaxFd) {
    REAL(close, int (*)(int));
    real_close(fd);
    errno = EMFILE;
    return -1;
  }
  remember(fd, minor);
  return fd;
}

void fill_stat(int minor, struct stat* st) {
  std::memset(st, 0, sizeof *st);
  st->st_dev = makedev(0, 5);
  st->st_ino = 0x5A11'0000u + static_cast<unsigned>(minor);
  st->st_mode = S_IFCHR | 0666;
  st->st_nlink = 1;
  st->st_rdev = makedev(kDeviceMajor, static_cast<unsigned>(minor));
  st->st_blksize = 4096;
}

void fill_statx(int minor, struct statx* sx) {
  std::memset(sx, 0, sizeof *sx);
  sx->stx_mask = STATX_BASIC_STATS;
  sx->stx_blksize = 4096;
  sx->stx_nlink = 1;
  sx->stx_mode = S_IFCHR | 0666;
  sx->stx_ino = 0x5A11'0000u + static_cast<unsigned>(minor);
  sx->stx_rdev_major = kDeviceMajor;
  sx->stx_rdev_minor = static_cast<unsigned>(minor);
  sx->stx_dev_major = 0;
  sx->stx_dev_minor = 5;
}

mode_t mode_arg(int flags, va_list ap) {
  return ((flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE) ? static_cast<mode_t>(va_arg(ap, int)) : 0;
}

int access_device(int mode) {
  if ((mode & X_OK) != 0) {
    errno = EACCES;
    return -1;
  }
  return 0;
}

int device_ioctl(int minor, unsigned long request, void* arg) {
  Device* dev = device(card_of_minor(minor));
  if (dev == nullptr) {
    errno = ENODEV;
    return -1;
  }
  const int rc = dev->ioctl(request, arg);
  if (rc < 0) {
    errno = -rc;
    return -1;
  }
  return rc;
}

}  // namespace

// ---- open ------------------------------------------------------------------------------

SAILSIM_EXPORT int open(const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  const mode_t mode = mode_arg(flags, ap);
  va_end(ap);
  if (const int minor = minor_of_path(path); minor >= 0) return open_device(minor, flags);
  REAL(open, int (*)(const char*, int, ...));
  return forget(real_open(path, flags, mode));
}

SAILSIM_EXPORT int open64(const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  const mode_t mode = mode_arg(flags, ap);
  va_end(ap);
  if (const int minor = minor_of_path(path); minor >= 0) return open_device(minor, flags);
  REAL(open64, int (*)(const char*, int, ...));
  return forget(real_open64(path, flags, mode));
}

SAILSIM_EXPORT int openat(int dirfd, const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  const mode_t mode = mode_arg(flags, ap);
  va_end(ap);
  if (const int minor = minor_at(dirfd, path); minor >= 0) return open_device(minor, flags);
  REAL(openat, int (*)(int, const char*, int, ...));
  return forget(real_openat(dirfd, path, flags, mode));
}

SAILSIM_EXPORT int openat64(int dirfd, const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  const mode_t mode = mode_arg(flags, ap);
  va_end(ap);
  if (const int minor = minor_at(dirfd, path); minor >= 0) return open_device(minor, flags);
  REAL(openat64, int (*)(int, const char*, int, ...));
  return forget(real_openat64(dirfd, path, flags, mode));
}

// _FORTIFY_SOURCE's checked variants (no mode argument).
SAILSIM_EXPORT int __open_2(const char* path, int flags) {
  if (const int minor = minor_of_path(path); minor >= 0) return open_device(minor, flags);
  REAL(__open_2, int (*)(const char*, int));
  return forget(real___open_2(path, flags));
}

SAILSIM_EXPORT int __open64_2(const char* path, int flags) {
  if (const int minor = minor_of_path(path); minor >= 0) return open_device(minor, flags);
  REAL(__open64_2, int (*)(const char*, int));
  return forget(real___open64_2(path, flags));
}

SAILSIM_EXPORT int __openat_2(int dirfd, const char* path, int flags) {
  if (const int minor = minor_at(dirfd, path); minor >= 0) return open_device(minor, flags);
  REAL(__openat_2, int (*)(int, const char*, int));
  return forget(real___openat_2(dirfd, path, flags));
}

SAILSIM_EXPORT int __openat64_2(int dirfd, const char* path, int flags) {
  if (const int minor = minor_at(dirfd, path); minor >= 0) return open_device(minor, flags);
  REAL(__openat64_2, int (*)(int, const char*, int));
  return forget(real___openat64_2(dirfd, path, flags));
}

// ---- close, dup, ioctl -------------------------------------------------------------------

namespace {
// A duplicate of one of our descriptors is ours too (the same device node).
int mark_dup(int old_fd, int new_fd) {
  if (new_fd < 0 || new_fd >= kMaxFd) return new_fd;
  g_fd_minor[new_fd].store(minor_of_fd(old_fd) + 1, std::memory_order_release);
  return new_fd;
}
}  // namespace

SAILSIM_EXPORT int dup(int fd) noexcept {
  REAL(dup, int (*)(int));
  return mark_dup(fd, real_dup(fd));
}

SAILSIM_EXPORT int dup2(int fd, int fd2) noexcept {
  REAL(dup2, int (*)(int, int));
  const int rc = real_dup2(fd, fd2);
  return rc < 0 ? rc : mark_dup(fd, rc);
}

SAILSIM_EXPORT int dup3(int fd, int fd2, int flags) noexcept {
  REAL(dup3, int (*)(int, int, int));
  const int rc = real_dup3(fd, fd2, flags);
  return rc < 0 ? rc : mark_dup(fd, rc);
}

// fcntl's third argument is an int or a pointer depending on the command; like glibc, pass
// it on as a pointer-sized value. F_DUPFD / F_DUPFD_CLOEXEC (Rust's File::try_clone) are dups.
namespace {
int fcntl_with(int (*real)(int, int, ...), int fd, int cmd, void* arg) {
  const int rc = real(fd, cmd, arg);
  if ((cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) && rc >= 0) return mark_dup(fd, rc);
  return rc;
}
}  // namespace

SAILSIM_EXPORT int fcntl(int fd, int cmd, ...) {
  va_list ap;
  va_start(ap, cmd);
  void* arg = va_arg(ap, void*);
  va_end(ap);
  REAL(fcntl, int (*)(int, int, ...));
  return fcntl_with(real_fcntl, fd, cmd, arg);
}

SAILSIM_EXPORT int fcntl64(int fd, int cmd, ...) {
  va_list ap;
  va_start(ap, cmd);
  void* arg = va_arg(ap, void*);
  va_end(ap);
  REAL(fcntl64, int (*)(int, int, ...));
  return fcntl_with(real_fcntl64, fd, cmd, arg);
}

SAILSIM_EXPORT int close(int fd) {
  if (fd >= 0 && fd < kMaxFd) g_fd_minor[fd].store(0, std::memory_order_release);
  REAL(close, int (*)(int));
  return real_close(fd);
}

SAILSIM_EXPORT int ioctl(int fd, unsigned long request, ...) noexcept {
  va_list ap;
  va_start(ap, request);
  void* arg = va_arg(ap, void*);
  va_end(ap);
  if (const int minor = minor_of_fd(fd); minor >= 0) return device_ioctl(minor, request, arg);
  REAL(ioctl, int (*)(int, unsigned long, ...));
  return real_ioctl(fd, request, arg);
}

// ---- stat family ---------------------------------------------------------------------------

SAILSIM_EXPORT int stat(const char* path, struct stat* st) noexcept {
  if (const int minor = minor_of_path(path); minor >= 0) return fill_stat(minor, st), 0;
  REAL(stat, int (*)(const char*, struct stat*));
  return real_stat(path, st);
}

SAILSIM_EXPORT int stat64(const char* path, struct stat64* st) noexcept {
  if (const int minor = minor_of_path(path); minor >= 0) return fill_stat(minor, reinterpret_cast<struct stat*>(st)), 0;
  REAL(stat64, int (*)(const char*, struct stat64*));
  return real_stat64(path, st);
}

SAILSIM_EXPORT int lstat(const char* path, struct stat* st) noexcept {
  if (const int minor = minor_of_path(path); minor >= 0) return fill_stat(minor, st), 0;
  REAL(lstat, int (*)(const char*, struct stat*));
  return real_lstat(path, st);
}

SAILSIM_EXPORT int lstat64(const char* path, struct stat64* st) noexcept {
  if (const int minor = minor_of_path(path); minor >= 0) return fill_stat(minor, reinterpret_cast<struct stat*>(st)), 0;
  REAL(lstat64, int (*)(const char*, struct stat64*));
  return real_lstat64(path, st);
}

SAILSIM_EXPORT int fstat(int fd, struct stat* st) noexcept {
  if (const int minor = minor_of_fd(fd); minor >= 0) return fill_stat(minor, st), 0;
  REAL(fstat, int (*)(int, struct stat*));
  return real_fstat(fd, st);
}

SAILSIM_EXPORT int fstat64(int fd, struct stat64* st) noexcept {
  if (const int minor = minor_of_fd(fd); minor >= 0) return fill_stat(minor, reinterpret_cast<struct stat*>(st)), 0;
  REAL(fstat64, int (*)(int, struct stat64*));
  return real_fstat64(fd, st);
}

namespace {
// fstatat / statx: a device path, or (AT_EMPTY_PATH with "") one of our descriptors.
int minor_for_at(int dirfd, const char* path, int flags) {
  if ((flags & AT_EMPTY_PATH) != 0 && path != nullptr && path[0] == '\0') return minor_of_fd(dirfd);
  return minor_at(dirfd, path);
}
}  // namespace

SAILSIM_EXPORT int fstatat(int dirfd, const char* path, struct stat* st, int flags) noexcept {
  if (const int minor = minor_for_at(dirfd, path, flags); minor >= 0) return fill_stat(minor, st), 0;
  REAL(fstatat, int (*)(int, const char*, struct stat*, int));
  return real_fstatat(dirfd, path, st, flags);
}

SAILSIM_EXPORT int fstatat64(int dirfd, const char* path, struct stat64* st, int flags) noexcept {
  if (const int minor = minor_for_at(dirfd, path, flags); minor >= 0) {
    return fill_stat(minor, reinterpret_cast<struct stat*>(st)), 0;
  }
  REAL(fstatat64, int (*)(int, const char*, struct stat64*, int));
  return real_fstatat64(dirfd, path, st, flags);
}

SAILSIM_EXPORT int statx(int dirfd, const char* path, int flags, unsigned int mask, struct statx* sx) noexcept {
  if (const int minor = minor_for_at(dirfd, path, flags); minor >= 0) return fill_statx(minor, sx), 0;
  REAL(statx, int (*)(int, const char*, int, unsigned int, struct statx*));
  return real_statx(dirfd, path, flags, mask, sx);
}

// glibc's pre-2.33 stat entry points, still exported (and called by older binaries).
SAILSIM_EXPORT int __xstat(int ver, const char* path, struct stat* st) noexcept {
  if (const int minor = minor_of_path(path); minor >= 0) return fill_stat(minor, st), 0;
  REAL(__xstat, int (*)(int, const char*, struct stat*));
  return real___xstat(ver, path, st);
}

SAILSIM_EXPORT int __xstat64(int ver, const char* path, struct stat64* st) noexcept {
  if (const int minor = minor_of_path(path); minor >= 0) return fill_stat(minor, reinterpret_cast<struct stat*>(st)), 0;
  REAL(__xstat64, int (*)(int, const char*, struct stat64*));
  return real___xstat64(ver, path, st);
}

SAILSIM_EXPORT int __lxstat(int ver, const char* path, struct stat* st) noexcept {
  if (const int minor = minor_of_path(path); minor >= 0) return fill_stat(minor, st), 0;
  REAL(__lxstat, int (*)(int, const char*, struct stat*));
  return real___lxstat(ver, path, st);
}

SAILSIM_EXPORT int __lxstat64(int ver, const char* path, struct stat64* st) noexcept {
  if (const int minor = minor_of_path(path); minor >= 0) return fill_stat(minor, reinterpret_cast<struct stat*>(st)), 0;
  REAL(__lxstat64, int (*)(int, const char*, struct stat64*));
  return real___lxstat64(ver, path, st);
}

SAILSIM_EXPORT int __fxstat(int ver, int fd, struct stat* st) noexcept {
  if (const int minor = minor_of_fd(fd); minor >= 0) return fill_stat(minor, st), 0;
  REAL(__fxstat, int (*)(int, int, struct stat*));
  return real___fxstat(ver, fd, st);
}

SAILSIM_EXPORT int __fxstat64(int ver, int fd, struct stat64* st) noexcept {
  if (const int minor = minor_of_fd(fd); minor >= 0) return fill_stat(minor, reinterpret_cast<struct stat*>(st)), 0;
  REAL(__fxstat64, int (*)(int, int, struct stat64*));
  return real___fxstat64(ver, fd, st);
}

SAILSIM_EXPORT int __fxstatat(int ver, int dirfd, const char* path, struct stat* st, int flags) noexcept {
  if (const int minor = minor_for_at(dirfd, path, flags); minor >= 0) return fill_stat(minor, st), 0;
  REAL(__fxstatat, int (*)(int, int, const char*, struct stat*, int));
  return real___fxstatat(ver, dirfd, path, st, flags);
}

SAILSIM_EXPORT int __fxstatat64(int ver, int dirfd, const char* path, struct stat64* st, int flags) noexcept {
  if (const int minor = minor_for_at(dirfd, path, flags); minor >= 0) {
    return fill_stat(minor, reinterpret_cast<struct stat*>(st)), 0;
  }
  REAL(__fxstatat64, int (*)(int, int, const char*, struct stat64*, int));
  return real___fxstatat64(ver, dirfd, path, st, flags);
}

// ---- access --------------------------------------------------------------------------------

SAILSIM_EXPORT int access(const char* path, int mode) noexcept {
  if (minor_of_path(path) >= 0) return access_device(mode);
  REAL(access, int (*)(const char*, int));
  return real_access(path, mode);
}

SAILSIM_EXPORT int faccessat(int dirfd, const char* path, int mode, int flags) noexcept {
  if (minor_at(dirfd, path) >= 0) return access_device(mode);
  REAL(faccessat, int (*)(int, const char*, int, int));
  return real_faccessat(dirfd, path, mode, flags);
}

SAILSIM_EXPORT int euidaccess(const char* path, int mode) noexcept {
  if (minor_of_path(path) >= 0) return access_device(mode);
  REAL(euidaccess, int (*)(const char*, int));
  return real_euidaccess(path, mode);
}

// ---- stdio streams -------------------------------------------------------------------------
//
// glibc's fopen/freopen open the file with an internal call, not the interposable open(): a
// device path would be ENOENT, and another path's descriptor could carry a stale mapping. A
// device path gets a /dev/null stream in the caller's mode, whose descriptor is then ours.

namespace {
using FopenFn = FILE* (*)(const char*, const char*);
using FreopenFn = FILE* (*)(const char*, const char*, FILE*);

// The stream's descriptor becomes the device's (minor >= 0) or an ordinary one (-1).
FILE* adopt(FILE* f, int minor) {
  if (f == nullptr) return nullptr;
  const int fd = fileno(f);
  if (minor < 0) {
    forget(fd);
    return f;
  }
  if (fd < 0 || fd >= kMaxFd) {
    REAL(fclose, int (*)(FILE*));
    real_fclose(f);
    errno = EMFILE;
    return nullptr;
  }
  remember(fd, minor);
  return f;
}

FILE* fopen_with(FopenFn real, const char* path, const char* mode) {
  const int minor = minor_of_path(path);
  if (minor < 0) return adopt(real(path, mode), -1);
  if (device(card_of_minor(minor)) == nullptr) {
    errno = ENXIO;
    return nullptr;
  }
  return adopt(real("/dev/null", mode), minor);
}

// freopen(NULL, mode, f) reopens the same file: a device stream stays the device's.
FILE* freopen_with(FreopenFn real, const char* path, const char* mode, FILE* f) {
  const int old_fd = f != nullptr ? fileno(f) : -1;
  const int minor = path != nullptr ? minor_of_path(path) : minor_of_fd(old_fd);
  if (path != nullptr && minor >= 0 && device(card_of_minor(minor)) == nullptr) {
    fclose(f);  // freopen closes the stream when the new file cannot be opened
    errno = ENXIO;
    return nullptr;
  }
  FILE* g = real(path != nullptr && minor >= 0 ? "/dev/null" : path, mode, f);
  forget(old_fd);  // closed by freopen, or about to be marked again below
  return adopt(g, minor);
}
}  // namespace

SAILSIM_EXPORT FILE* fopen(const char* path, const char* mode) {
  REAL(fopen, FopenFn);
  return fopen_with(real_fopen, path, mode);
}

SAILSIM_EXPORT FILE* fopen64(const char* path, const char* mode) {
  REAL(fopen64, FopenFn);
  return fopen_with(real_fopen64, path, mode);
}

SAILSIM_EXPORT FILE* freopen(const char* path, const char* mode, FILE* f) {
  REAL(freopen, FreopenFn);
  return freopen_with(real_freopen, path, mode, f);
}

SAILSIM_EXPORT FILE* freopen64(const char* path, const char* mode, FILE* f) {
  REAL(freopen64, FreopenFn);
  return freopen_with(real_freopen64, path, mode, f);
}

SAILSIM_EXPORT int fclose(FILE* f) {
  if (f != nullptr) forget(fileno(f));
  REAL(fclose, int (*)(FILE*));
  return real_fclose(f);
}

// ---- realpath --------------------------------------------------------------------------------
//
// The device paths are already canonical (exact absolute paths); libc's realpath would lstat
// them and say ENOENT.

namespace {
char* device_realpath(const char* path, char* resolved) {
  const size_t n = std::strlen(path) + 1;
  if (resolved == nullptr) {
    resolved = static_cast<char*>(std::malloc(n));
    if (resolved == nullptr) {
      errno = ENOMEM;
      return nullptr;
    }
  }
  std::memcpy(resolved, path, n);
  return resolved;
}
}  // namespace

SAILSIM_EXPORT char* realpath(const char* path, char* resolved) noexcept {
  if (minor_of_path(path) >= 0) return device_realpath(path, resolved);
  REAL(realpath, char* (*)(const char*, char*));
  return real_realpath(path, resolved);
}

SAILSIM_EXPORT char* canonicalize_file_name(const char* path) noexcept {
  if (minor_of_path(path) >= 0) return device_realpath(path, nullptr);
  REAL(canonicalize_file_name, char* (*)(const char*));
  return real_canonicalize_file_name(path);
}

// _FORTIFY_SOURCE's realpath: libc's checks the buffer size (and aborts) before anything else.
SAILSIM_EXPORT char* __realpath_chk(const char* path, char* resolved, size_t resolved_len) noexcept {
  if (minor_of_path(path) >= 0 && (resolved == nullptr || resolved_len >= PATH_MAX)) {
    return device_realpath(path, resolved);
  }
  REAL(__realpath_chk, char* (*)(const char*, char*, size_t));
  return real___realpath_chk(path, resolved, resolved_len);
}
