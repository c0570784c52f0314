// A mutation report of scripts/mutate.py (DIR/mutation.json, format sailsim-mutation/1,
// docs/mutation.md) as the "mutation" object of results.json, which the dashboard shows:
// `sailsim regress --mutation-report FILE` (scripts/nightly.sh --mutation N passes the night's).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace sailsim::regression {

// "FILE: what is wrong with it".
class MutationReportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// {report, format, plan, selection, commit, score, killed, survived, stillborn, equivalent,
// timeout, modules: [{module, killed, survived, stillborn, equivalent, timeout, score}],
// survivors: [{id, module, operator, line, mutated}]}. Throws MutationReportError.
std::string mutation_json(const std::filesystem::path& report);

}  // namespace sailsim::regression
