// A plan's `ctest:` group: the tests of a CMake build folder that carry one of the labels,
// listed by CTest itself (`ctest --test-dir BUILD --show-only=json-v1`), and the command that
// runs one of them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sailsim::regression {

// ctest on PATH, absolute; "" when there is none.
std::filesystem::path find_ctest();

// The names of the tests of `build` with one of `labels`, in CTest's order; throws
// std::runtime_error naming the build folder when ctest cannot list them.
std::vector<std::string> ctest_tests(const std::filesystem::path& ctest, const std::filesystem::path& build,
                                     const std::vector<std::string>& labels);

// ctest --test-dir BUILD -R ^NAME$ (NAME's regex characters escaped) --output-on-failure
std::vector<std::string> ctest_argv(const std::filesystem::path& ctest, const std::filesystem::path& build,
                                    const std::string& test);

// The signature text of a failed test's log: "ctest NAME: " and its first failing line (a
// gtest "Failure" / "[  FAILED  ]", a FAIL / error line), before normalization.
std::string ctest_failure_line(const std::string& test, const std::string& log);

}  // namespace sailsim::regression
