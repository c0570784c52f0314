// DIR/index.html of `sailsim regress`: a static page that works offline (docs/regress.md,
// Dashboard). It carries results.json and buckets.json as written beside it, plus the night
// and the history's last nights; assets/ gets the pinned Chart.js and the page's script and
// style, all embedded in the sailsim binary at build time (cmake/embed_files.cmake).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sailsim/regression/history.hpp"

namespace sailsim::regression {

struct DashboardInput {
  std::string plan;          // the plan's path, as the history knows it
  std::string commit, date;  // the night's
  uint64_t base_seed = 0;
  std::string results_json;  // the texts of results.json and buckets.json
  std::string buckets_json;
  std::vector<std::string> first_seeds;  // per bucket, decimal ("" for none): seeds pass 2^53
  bool history = false;      // `nights` comes from --history (else it is tonight only)
  std::vector<NightRates> nights;  // oldest first, tonight last
};

// Tonight as a NightRates, for a regression without a history.
NightRates night_of(const std::vector<RunRecord>& records, const std::string& commit, const std::string& date);

// Writes DIR/index.html and DIR/assets/; "" or what went wrong.
std::string write_dashboard(const std::filesystem::path& dir, const DashboardInput& input);

// How many nights the dashboard shows.
inline constexpr uint64_t kDashboardNights = 60;

}  // namespace sailsim::regression
