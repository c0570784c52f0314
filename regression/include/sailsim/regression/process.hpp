// Runs child processes, each in its own process group, with a wall-clock limit (the group is
// killed with SIGKILL when it runs out) and a memory limit (RLIMIT_AS, set in the child before
// exec). stdout and stderr of a child go to one log file. Single-threaded: the caller starts
// children and collects them as they end.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sailsim/regression/plan.hpp"

namespace sailsim::regression {

struct ChildSpec {
  std::vector<std::string> argv;  // argv[0] is the program's path
  std::filesystem::path log;      // created or truncated; stdout + stderr
  std::filesystem::path cwd;      // "" = the parent's
  Limits limits;
  std::vector<std::string> env;   // NAME=VALUE added to (or replacing in) the parent's environment
};

struct ChildOutcome {
  int exit_code = -1;        // when it exited
  int signal = 0;            // when a signal ended it (SIGKILL after the wall limit)
  bool wall_limit = false;   // killed because it ran past limits.wall_seconds
  std::string spawn_error;   // the log could not be opened or fork failed (nothing ran)
  double wall_seconds = 0;
  long peak_rss_kib = 0;     // wait4's ru_maxrss
};

// Whether RLIMIT_AS is applied: not in an AddressSanitizer build, whose shadow memory needs
// terabytes of address space.
bool memory_limit_supported();

class ChildPool {
 public:
  ChildPool() = default;
  ChildPool(const ChildPool&) = delete;
  ChildPool& operator=(const ChildPool&) = delete;
  ~ChildPool();  // kills and reaps whatever still runs

  // Starts a child; `tag` comes back with its outcome. A spawn error comes back from wait_any.
  void start(uint64_t tag, const ChildSpec& spec);
  size_t running() const { return children_.size() + failed_.size(); }
  // Blocks until one child has ended (or a start failed); running() must be > 0.
  std::pair<uint64_t, ChildOutcome> wait_any();

 private:
  struct Child {
    uint64_t tag;
    int pid;
    double started;
    double deadline;
    bool killed = false;
  };
  std::vector<Child> children_;
  std::vector<std::pair<uint64_t, ChildOutcome>> failed_;
};

// SIGINT / SIGTERM to the regression: wait_any throws Interrupted, and the pool's destructor
// kills every child's process group (children are in their own groups, so a terminal's ^C
// reaches only the regression).
struct Interrupted {};
void stop_on_interrupt();

// Runs one child to its end (a tool such as sbatch or genhtml): its outcome.
ChildOutcome run_child(const ChildSpec& spec);

// The program `name` in a folder of PATH (an empty entry is the current folder), absolute;
// "" when there is none.
std::filesystem::path find_program(const std::string& name);

// `s` in single quotes for sh, with each ' written as '\''.
std::string shell_quote(const std::string& s);

// "SIGSEGV" for 11, ... ("signal N" when unnamed).
std::string signal_name(int signal);

}  // namespace sailsim::regression
