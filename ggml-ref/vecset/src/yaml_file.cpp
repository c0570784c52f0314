#include "sailsim/vecset/yaml_file.hpp"

#include <algorithm>
#include <string>
#include <string_view>

#include "sailsim/vecset/input_error.hpp"
#include "sailsim/vecset/input_file.hpp"

namespace sailsim::vecset {

YAML::Node load_yaml_file(const std::filesystem::path& file) {
  const std::string text = read_input_file(file);
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    // yaml-cpp puts "end of input" on the line after a final '\n': point at the last line's end.
    const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) +
                      (text.empty() || text.back() == '\n' ? 0 : 1);
    const int line = e.mark.line + 1, column = e.mark.column + 1;
    if (line > lines && lines > 0) {
      std::string_view body = text;
      if (body.back() == '\n') body.remove_suffix(1);
      const size_t newline = body.rfind('\n');
      const std::string_view last = newline == std::string_view::npos ? body : body.substr(newline + 1);
      throw InputError(file, lines, static_cast<int>(last.size()) + 1, "malformed YAML at the end of the file: " + e.msg);
    }
    throw InputError(file, std::max(line, 1), std::max(column, 1), "malformed YAML: " + e.msg);
  }
}

}  // namespace sailsim::vecset
