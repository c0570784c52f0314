// Runs a loaded sequence on a fresh target (the Sail card, or another design: RunOptions::target): steps in order, checks, the transaction logs,
// the watchdog and the protocol checkers. Exit codes as contracts.md section 6.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sailsim/axi4/log.hpp"
#include "sailsim/fcov/counts.hpp"
#include "sailsim/replay/sequence.hpp"
#include "sailsim/replay/target.hpp"

namespace sailsim::replay {

enum Outcome : int {
  kPass = 0,
  kCheckFailed = 1,
  kBadInput = 2,
  kTimeout = 3,
  kViolation = 4,
};

// The most severe of two outcomes: 2 (bad input) > 4 (protocol violation) > 3 (timeout) >
// 1 (check failed) > 0 (docs/replay.md).
int worst(int a, int b);
const char* outcome_name(int code);

struct RunOptions {
  std::string fst_path{};  // an FST waveform of the whole run, if set
  bool record = false;     // keep what a recording needs (RunResult::host_issue)
  // Where the files a sequence writes (snapshot steps) go: a relative `file:` resolves
  // against this folder, never against the sequence's own ("": the working directory).
  std::filesystem::path output_dir{};
  // The sailsim-x-random flavour: the card's RTL starts from random state seeded by the
  // sequence's config.seed (tb::SimulationConfig::random_initial_seed).
  bool random_initial_state = false;
  // Count the run's functional coverage (sailsim::fcov) into RunResult::fcov.
  bool functional_coverage = false;
  // What the sequence runs on, made afresh for each run; empty: the Sail card.
  TargetFactory target{};
};

// The nonzero Verilator seed of a sequence seed (randSeed: 1 to 2^31 - 1).
int random_initial_seed_of(uint64_t seed);

// Where a snapshot step's file goes under `options` (an absolute file stays as written).
std::filesystem::path output_path(const std::filesystem::path& file, const RunOptions& options);

// A file a run writes, for checking it before anything is simulated.
struct OutputFile {
  std::filesystem::path path;
  const Step* step = nullptr;  // the snapshot step that writes it; null: the FST
};

// Every file a run of `sequence` writes: the FST (if any), then each snapshot step's file.
std::vector<OutputFile> output_files(const Sequence& sequence, const RunOptions& options);

// A host-port transaction's first VALID cycle (AW or AR), for --record.
struct ValidStart {
  axi4::Dir dir = axi4::Dir::Read;
  uint64_t cycle = 0;
};

struct RunResult {
  int code = kPass;
  std::string report{};   // what failed, with the details; empty on a pass
  uint64_t start_cycle = 0;  // the card's cycle when the first step ran (after reset)
  uint64_t first_host_record = 0;  // host-log records before it came with the card (shim open)
  uint64_t cycles = 0;       // the card's cycle count at the end
  uint64_t ddr_beats = 0;    // data beats on the DDR port (32 bytes each: the roofline's unit)
  size_t steps_run = 0;
  std::vector<axi4::TransactionRecord> host_log{};  // every host-port record, oldest first
  std::vector<axi4::TransactionRecord> ddr_log{};
  std::vector<ValidStart> host_valid_starts{};      // with RunOptions::record
  fcov::Counts fcov{};  // with RunOptions::functional_coverage: what the run did, as bins
};

// A file the run could not write (a snapshot, the FST) is exit code 2 with a line naming
// the path and the reason.
RunResult run_sequence(const Sequence& sequence, const RunOptions& options = {});

}  // namespace sailsim::replay
