// An input error: a file sailsim cannot use as given. Always names the file, and the line
// and column where it knows them; the CLI turns it into exit code 2.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace YAML {
class Node;
}

namespace sailsim::vecset {

class InputError : public std::runtime_error {
 public:
  // line and column are 1-based; 0 means "not known" and is left out of what().
  InputError(std::filesystem::path file, int line, int column, const std::string& message);
  InputError(std::filesystem::path file, const std::string& message) : InputError(std::move(file), 0, 0, message) {}
  // At a YAML node's position.
  InputError(std::filesystem::path file, const YAML::Node& at, const std::string& message);

  const std::filesystem::path& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& message() const { return message_; }

 private:
  std::filesystem::path file_;
  int line_, column_;
  std::string message_;
};

}  // namespace sailsim::vecset
