// The interposer's settings, through real program runs with LD_PRELOAD: a bad SAILSIM_* value
// stops the program when the library is loaded, before main, with exit status 2 and one line
// on stderr naming the variable, its value and what is accepted. The program (spanker_probe)
// would otherwise print "skipping" and pass, as Spanker's smoke test does without a device.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

extern char** environ;

namespace {

struct ProbeRun {
  int status = -1;  // the exit status, or -1 when it did not exit normally
  std::string out, err;
};

// Runs the probe with LD_PRELOAD and the given SAILSIM_* variables (and no others).
ProbeRun run_probe(const std::vector<std::pair<std::string, std::string>>& vars, const char* arg = nullptr) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string kv = *e;
    if (kv.rfind("SAILSIM_", 0) != 0 && kv.rfind("LD_PRELOAD=", 0) != 0) env.push_back(kv);
  }
  env.push_back(std::string("LD_PRELOAD=") + SAILSIM_TEST_PRELOAD);
  for (const auto& [k, v] : vars) env.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& kv : env) envp.push_back(kv.data());
  envp.push_back(nullptr);
  std::string probe = SAILSIM_TEST_PROBE;
  std::string extra = arg != nullptr ? arg : "";
  std::vector<char*> argv{probe.data()};
  if (arg != nullptr) argv.push_back(extra.data());
  argv.push_back(nullptr);

  int out[2], err[2];
  ProbeRun r;
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) return r;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err[1], 2);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, probe.c_str(), &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  close(out[1]);
  close(err[1]);
  if (rc != 0) {
    close(out[0]);
    close(err[0]);
    return r;
  }
  pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
  std::string* sinks[2] = {&r.out, &r.err};
  int open_pipes = 2;
  while (open_pipes > 0 && poll(fds, 2, 60'000) > 0) {
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buf[4096];
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_pipes;
      }
    }
  }
  for (auto& f : fds) {
    if (f.fd >= 0) close(f.fd);
  }
  int ws = 0;
  waitpid(pid, &ws, 0);
  r.status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
  return r;
}

// Exit status 2, nothing on stdout (the program never ran), and exactly one line on stderr
// holding every one of `parts`.
void expect_stopped(const ProbeRun& r, const std::vector<std::string>& parts) {
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_EQ(r.out, "");
  ASSERT_FALSE(r.err.empty());
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "not one line: " << r.err;
  for (const auto& p : parts) EXPECT_NE(r.err.find(p), std::string::npos) << "'" << p << "' not in: " << r.err;
}

class PreloadSettings : public testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/sailsim_preload_settings_XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    for (const auto& f : files_) std::remove(f.c_str());
    rmdir(dir_.c_str());
  }
  std::string file(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    files_.push_back(path);
    return path;
  }
  std::string dir_;
  std::vector<std::string> files_;
};

TEST_F(PreloadSettings, GoodSettingsRun) {
  const std::string config = file("good.yaml", "version: \"0.1.3\"\nmemory:\n  read_latency: 4\n");
  ProbeRun r = run_probe({});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "ok 0.2.0\n");
  EXPECT_EQ(r.err, "");
  r = run_probe({{"SAILSIM_CONFIG", config}, {"SAILSIM_CARDS", "2"}});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "ok 0.1.3\n");  // the config file's version
  r = run_probe({{"SAILSIM_CONFIG", config}, {"SAILSIM_VERSION", "0.1.0"}, {"SAILSIM_FST", dir_ + "/w.fst"}});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "ok 0.1.0\n");  // SAILSIM_VERSION over the config file
  files_.push_back(dir_ + "/w.fst");
  // An empty value is the same as none.
  r = run_probe({{"SAILSIM_VERSION", ""}, {"SAILSIM_CONFIG", ""}, {"SAILSIM_CARDS", ""}});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "ok 0.2.0\n");
}

TEST_F(PreloadSettings, BadVersionStopsTheProgram) {
  for (const char* v : {"abc", "1.2", "0.1.0.0", "0.1.x", "0.70000.0", " 0.1.0"}) {
    SCOPED_TRACE(v);
    expect_stopped(run_probe({{"SAILSIM_VERSION", v}}),
                   {std::string("SAILSIM_VERSION=") + v + ":", "MAJOR.MINOR.PATCH", "0.1.0"});
  }
}

TEST_F(PreloadSettings, BadCardsStopsTheProgram) {
  for (const char* v : {"abc", "65", "-1", "+2", " 2", "2x", "99999999999999999999"}) {
    SCOPED_TRACE(v);
    expect_stopped(run_probe({{"SAILSIM_CARDS", v}}), {std::string("SAILSIM_CARDS=") + v + ":", "0..64"});
  }
}

TEST_F(PreloadSettings, BadConfigStopsTheProgram) {
  const std::string missing = dir_ + "/no_such_config.yaml";
  expect_stopped(run_probe({{"SAILSIM_CONFIG", missing}}),
                 {"SAILSIM_CONFIG=" + missing + ":", "no such file", "expected a YAML config file"});
  const std::string typo = file("typo.yaml", "memory:\n  read_latency: 4\nversoin: \"0.1.0\"\n");
  expect_stopped(run_probe({{"SAILSIM_CONFIG", typo}}),
                 {"SAILSIM_CONFIG=" + typo + ":", typo + ":3:1:", "unknown key 'versoin'"});
  const std::string multi_line = file("broken.yaml", "memory: [1,\n");  // a YAML syntax error
  expect_stopped(run_probe({{"SAILSIM_CONFIG", multi_line}}), {"SAILSIM_CONFIG=" + multi_line + ":", multi_line + ":"});
  expect_stopped(run_probe({{"SAILSIM_CONFIG", dir_}}), {"SAILSIM_CONFIG=" + dir_ + ":", "directory"});
  expect_stopped(run_probe({{"SAILSIM_CONFIG", "/dev/spankerctl"}}), {"SAILSIM_CONFIG=/dev/spankerctl:", "device"});
}

TEST_F(PreloadSettings, BadFstStopsTheProgram) {
  const std::string no_dir = dir_ + "/no_such_dir/w.fst";
  expect_stopped(run_probe({{"SAILSIM_FST", no_dir}}), {"SAILSIM_FST=" + no_dir + ":", "not writable"});
  expect_stopped(run_probe({{"SAILSIM_FST", dir_}}), {"SAILSIM_FST=" + dir_ + ":", "directory"});
}

// At load time: a program that never touches the device is stopped too, so a bad setting
// cannot hide behind a run that happens not to open the card.
TEST_F(PreloadSettings, CheckedBeforeMain) {
  expect_stopped(run_probe({{"SAILSIM_VERSION", "abc"}}, "--idle"), {"SAILSIM_VERSION=abc:"});
  const ProbeRun r = run_probe({}, "--idle");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
}

}  // namespace
