#include "sailsim/regression/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <sstream>
#include <cstdlib>
#include <thread>

namespace fs = std::filesystem;

namespace sailsim::regression {
namespace {

volatile sig_atomic_t g_interrupted = 0;

void on_interrupt(int) { g_interrupted = 1; }

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

void stop_on_interrupt() {
  struct sigaction sa {};
  sa.sa_handler = on_interrupt;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

bool memory_limit_supported() {
#if defined(__SANITIZE_ADDRESS__)
  return false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return false;
#else
  return true;
#endif
#else
  return true;
#endif
}

std::string signal_name(int signal) {
  switch (signal) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    case SIGPIPE: return "SIGPIPE";
    case SIGXCPU: return "SIGXCPU";
    case SIGTRAP: return "SIGTRAP";
    default: return "signal " + std::to_string(signal);
  }
}

ChildPool::~ChildPool() {
  for (const Child& c : children_) {
    kill(-c.pid, SIGKILL);
    int status = 0;
    waitpid(c.pid, &status, 0);
  }
}

void ChildPool::start(uint64_t tag, const ChildSpec& spec) {
  // Everything the child needs is prepared before fork: after it only async-signal-safe calls.
  std::vector<char*> argv;
  for (const auto& a : spec.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const int log = open(spec.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log < 0) {
    ChildOutcome o;
    o.spawn_error = "cannot write " + spec.log.string() + ": " + std::strerror(errno);
    failed_.emplace_back(tag, o);
    return;
  }
  // The environment: the parent's, with spec.env's NAME=VALUE entries replacing or adding.
  std::vector<std::string> env_text;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    const std::string name = entry.substr(0, entry.find('='));
    bool replaced = false;
    for (const auto& extra : spec.env) replaced = replaced || extra.substr(0, extra.find('=')) == name;
    if (!replaced) env_text.push_back(entry);
  }
  env_text.insert(env_text.end(), spec.env.begin(), spec.env.end());
  std::vector<char*> envp;
  for (auto& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);
  const std::string cwd = spec.cwd.string();
  const rlim_t bytes = static_cast<rlim_t>(spec.limits.memory_mib) << 20;
  const bool limit_memory = memory_limit_supported();
  const double started = now_seconds();
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    // The child is in a group of its own, out of reach of a signal to the regression's group:
    // if the regression dies without stopping it (SIGKILL), the kernel kills the child.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the regression died before prctl
    if (limit_memory) {
      const rlimit as{bytes, bytes};
      setrlimit(RLIMIT_AS, &as);
    }
    dup2(log, STDOUT_FILENO);
    dup2(log, STDERR_FILENO);
    const int null = open("/dev/null", O_RDONLY | O_CLOEXEC);  // dup2 gives fd 0 without CLOEXEC
    if (null >= 0) dup2(null, STDIN_FILENO);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(127);
    execve(argv[0], argv.data(), envp.data());
    const char msg[] = "sailsim regress: exec failed\n";
    if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {}
    _exit(127);
  }
  const int fork_errno = errno;
  close(log);
  if (pid < 0) {
    ChildOutcome o;
    o.spawn_error = std::string("fork failed: ") + std::strerror(fork_errno);
    failed_.emplace_back(tag, o);
    return;
  }
  setpgid(pid, pid);  // also in the parent, so that the group exists before any kill
  children_.push_back({tag, pid, started, started + static_cast<double>(spec.limits.wall_seconds)});
}

std::pair<uint64_t, ChildOutcome> ChildPool::wait_any() {
  if (!failed_.empty()) {
    auto f = failed_.back();
    failed_.pop_back();
    return f;
  }
  for (;;) {
    if (g_interrupted) throw Interrupted{};
    const double now = now_seconds();
    for (size_t i = 0; i < children_.size(); ++i) {
      Child& c = children_[i];
      int status = 0;
      rusage usage{};
      const pid_t r = wait4(c.pid, &status, WNOHANG, &usage);
      if (r == c.pid) {
        // The leader ended: its group may still hold children of its own; end them too.
        kill(-c.pid, SIGKILL);
        ChildOutcome o;
        o.wall_seconds = now_seconds() - c.started;
        o.peak_rss_kib = usage.ru_maxrss;
        o.wall_limit = c.killed;
        if (WIFEXITED(status)) o.exit_code = WEXITSTATUS(status);
        if (WIFSIGNALED(status)) o.signal = WTERMSIG(status);
        const uint64_t tag = c.tag;
        children_.erase(children_.begin() + static_cast<std::ptrdiff_t>(i));
        return {tag, o};
      }
      if (!c.killed && now >= c.deadline) {
        kill(-c.pid, SIGKILL);
        c.killed = true;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

ChildOutcome run_child(const ChildSpec& spec) {
  ChildPool pool;
  pool.start(0, spec);
  return pool.wait_any().second;
}

fs::path find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
    if (access(candidate.c_str(), X_OK) == 0) return fs::absolute(candidate);
  }
  return {};
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace sailsim::regression
