#include "sailsim/vecset/input_error.hpp"

#include <yaml-cpp/yaml.h>

namespace sailsim::vecset {

namespace {
std::string located(const std::filesystem::path& file, int line, int column, const std::string& message) {
  std::string s = file.string();
  if (line > 0) {
    s += ":" + std::to_string(line);
    if (column > 0) s += ":" + std::to_string(column);
  }
  return s + ": " + message;
}
}  // namespace

InputError::InputError(std::filesystem::path file, int line, int column, const std::string& message)
    : std::runtime_error(located(file, line, column, message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      message_(message) {}

InputError::InputError(std::filesystem::path file, const YAML::Node& at, const std::string& message)
    : InputError(std::move(file), at.Mark().is_null() ? 0 : at.Mark().line + 1,
                 at.Mark().is_null() ? 0 : at.Mark().column + 1, message) {}

}  // namespace sailsim::vecset
