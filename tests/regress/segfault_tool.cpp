// Stands in for the sailsim binary in the crash test (a plan's `sailsim:`): whatever it is
// asked, it dies of SIGSEGV, as a run that crashes would.
#include <csignal>

int main() {
  std::signal(SIGSEGV, SIG_DFL);  // not a sanitizer's handler: the default action, a real crash
  std::raise(SIGSEGV);
  return 0;
}
