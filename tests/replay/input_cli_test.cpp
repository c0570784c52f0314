// The inputs of `sailsim replay` and `sailsim vectors` that are no regular file (a FIFO, a
// device, a folder, a symlink loop, /proc/self/mem) or are empty, through the real binary:
// each is exit code 2 with one line naming the path, quickly (a FIFO with no writer must not
// block: the commands run under a time limit, so a regression fails instead of hanging).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>

#include "support.hpp"

namespace sailsim::replay {
namespace {

using namespace testing;
using sailsim::testing::CommandResult;
using sailsim::testing::quoted;
namespace fs = std::filesystem;

constexpr double kQuickSeconds = 10;  // far below run_bounded's limit of 20 s

struct Timed {
  CommandResult result;
  double seconds;
};

Timed sailsim(const std::string& args) {
  const auto start = std::chrono::steady_clock::now();
  CommandResult r = run_bounded(quoted(SAILSIM_CLI_PATH) + " " + args);
  return {r, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
}

// Exit code 2, quickly, with the path (and, when given, what it is) in the output.
void expect_refused(const Timed& t, const std::string& names, const std::string& says) {
  EXPECT_EQ(t.result.exit_code, 2) << t.result.output;
  EXPECT_LT(t.seconds, kQuickSeconds) << t.result.output;
  EXPECT_NE(t.result.output.find(names), std::string::npos) << t.result.output;
  EXPECT_NE(t.result.output.find(says), std::string::npos) << t.result.output;
  EXPECT_EQ(t.result.output.find("internal error"), std::string::npos) << t.result.output;
}

void make_fifo(const fs::path& path) { ASSERT_EQ(mkfifo(path.c_str(), 0600), 0) << path; }

// A sequence whose buffer D is read from `file`.
std::string with_data_file(const std::string& file) {
  return "sailsim: 1\nname: d\nbuffers:\n  D: {file: " + file + "}\nsteps:\n  - write: {addr: 0x10000, data: D}\n";
}

TEST(ReplayInputs, AFifoAsTheSequenceIsRefusedAtOnce) {
  const auto dir = scratch("in-fifo");
  make_fifo(dir / "seq.yaml");
  expect_refused(sailsim("replay " + quoted((dir / "seq.yaml").string())), (dir / "seq.yaml").string() + ": is a FIFO",
                 "expected a regular file");
}

TEST(ReplayInputs, AFifoAsADataFileIsRefusedAtItsLine) {
  const auto dir = scratch("in-fifo-data");
  make_fifo(dir / "data.bin");
  write_text(dir / "s.yaml", with_data_file("data.bin"));
  expect_refused(sailsim("replay " + quoted((dir / "s.yaml").string())), (dir / "s.yaml").string() + ":4:",
                 "data.bin: is a FIFO");
}

TEST(ReplayInputs, DevZeroIsADeviceNotAnEndlessFile) {
  const auto dir = scratch("in-zero");
  expect_refused(sailsim("replay /dev/zero"), "/dev/zero: is a character device", "expected a regular file");
  write_text(dir / "s.yaml", with_data_file("/dev/zero"));
  expect_refused(sailsim("replay " + quoted((dir / "s.yaml").string())), (dir / "s.yaml").string() + ":4:",
                 "/dev/zero: is a character device");
}

TEST(ReplayInputs, AFolderAsADataFileIsRefusedAtItsLine) {
  const auto dir = scratch("in-folder");
  fs::create_directory(dir / "data.bin");
  write_text(dir / "s.yaml", with_data_file("data.bin"));
  expect_refused(sailsim("replay " + quoted((dir / "s.yaml").string())), (dir / "s.yaml").string() + ":4:",
                 "data.bin: is a directory");
}

TEST(ReplayInputs, ASymlinkLoopIsNamedAsOne) {
  const auto dir = scratch("in-loop");
  fs::create_symlink("loop.yaml", dir / "loop.yaml");
  expect_refused(sailsim("replay " + quoted((dir / "loop.yaml").string())), (dir / "loop.yaml").string(),
                 "is a symlink loop");
  write_text(dir / "s.yaml", with_data_file("loop.yaml"));
  expect_refused(sailsim("replay " + quoted((dir / "s.yaml").string())), (dir / "s.yaml").string() + ":4:",
                 "loop.yaml: is a symlink loop");
}

TEST(ReplayInputs, AReadErrorIsAnInputError) {
  // /proc/self/mem: a regular file of size 0 whose read fails (EIO).
  expect_refused(sailsim("replay /proc/self/mem"), "/proc/self/mem: cannot be read: ", "Input/output error");
}

TEST(ReplayInputs, AnEmptySequenceNamesLineOne) {
  const auto dir = scratch("in-empty");
  write_text(dir / "empty.yaml", "");
  write_text(dir / "comments.yaml", "# a comment\n\n# and another\n");
  for (const char* name : {"empty.yaml", "comments.yaml"}) {
    SCOPED_TRACE(name);
    expect_refused(sailsim("replay " + quoted((dir / name).string())), (dir / name).string() + ":1:1: empty sequence",
                   "sailsim: 1");
  }
}

// A minimal case folder: meta.yaml as the loader reads it, a.bin listed first.
void write_case(const fs::path& dir) {
  fs::create_directories(dir);
  write_text(dir / "meta.yaml",
             "format: ggml-q4k-q8k-oracle/1\nM: 1\nK: 256\nN: 1\nfiles:\n  a.bin: {bytes: 144, sha256: \"00\"}\n");
}

std::string vectors(const fs::path& dir) { return "vectors --engine ref " + quoted(dir.string()); }

TEST(VectorsInputs, AFifoAsIndexOrMetaIsRefusedAtOnce) {
  const auto dir = scratch("vec-fifo");
  fs::create_directories(dir / "set");
  make_fifo(dir / "set" / "index.yaml");
  expect_refused(sailsim(vectors(dir / "set")), (dir / "set" / "index.yaml").string() + ": is a FIFO", "regular file");
  fs::create_directories(dir / "case");
  make_fifo(dir / "case" / "meta.yaml");
  expect_refused(sailsim(vectors(dir / "case")), (dir / "case" / "meta.yaml").string() + ": is a FIFO", "regular file");
}

TEST(VectorsInputs, ABinFileThatIsNoRegularFileIsNamed) {
  const auto dir = scratch("vec-bin");
  write_case(dir / "fifo");
  make_fifo(dir / "fifo" / "a.bin");
  expect_refused(sailsim(vectors(dir / "fifo")), (dir / "fifo" / "a.bin").string() + ": is a FIFO", "regular file");
  write_case(dir / "zero");
  fs::create_symlink("/dev/zero", dir / "zero" / "a.bin");
  expect_refused(sailsim(vectors(dir / "zero")), (dir / "zero" / "a.bin").string() + ": is a character device",
                 "regular file");
  write_case(dir / "folder");
  fs::create_directory(dir / "folder" / "a.bin");
  expect_refused(sailsim(vectors(dir / "folder")), (dir / "folder" / "a.bin").string() + ": is a directory",
                 "regular file");
}

TEST(VectorsInputs, ASymlinkLoopOrAReadErrorIsAnInputError) {
  const auto dir = scratch("vec-loop");
  fs::create_symlink("loop", dir / "loop");
  expect_refused(sailsim(vectors(dir / "loop")), (dir / "loop").string() + ": is a symlink loop", "symbolic links");
  fs::create_directories(dir / "mem");
  fs::create_symlink("/proc/self/mem", dir / "mem" / "meta.yaml");
  expect_refused(sailsim(vectors(dir / "mem")), (dir / "mem" / "meta.yaml").string() + ": cannot be read: ",
                 "Input/output error");
}

}  // namespace
}  // namespace sailsim::replay
