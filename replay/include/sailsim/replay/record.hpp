// --record: a sequence that replays a run's host-port traffic exactly as it happened (one
// axi_write / axi_read per transaction, issued at the cycle that puts its first VALID where
// it was, observed read data as expect), with the same config and seed.
#pragma once

#include <filesystem>

#include "sailsim/replay/runner.hpp"
#include "sailsim/replay/sequence.hpp"

namespace sailsim::replay {

// Writes `out` (and, for data over 512 bytes, files beside it named <stem>.<n>.bin). `result`
// must come from run_sequence with RunOptions::record. Throws OutputError (output_file.hpp)
// naming the file and the reason when one cannot be written.
void write_recording(const Sequence& sequence, const RunResult& result, const std::filesystem::path& out);

}  // namespace sailsim::replay
