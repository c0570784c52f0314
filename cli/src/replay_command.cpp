#include "replay_command.hpp"

#include <yaml-cpp/yaml.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

#include "exit_codes.hpp"
#include "sailsim/replay/loader.hpp"
#include "sailsim/replay/record.hpp"
#include "sailsim/replay/runner.hpp"

namespace sailsim::cli {

namespace {

namespace fs = std::filesystem;
using replay::RunResult;

struct Item {
  fs::path file;
  std::optional<replay::Sequence> sequence;  // unset: it did not load
  bool selected = true;
  RunResult result;
};

uint64_t parse_seed(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c != '_') digits += c;
  }
  size_t used = 0;
  const uint64_t v = std::stoull(digits, &used, 0);
  if (used != digits.size() || digits.empty() || digits[0] == '-') throw std::invalid_argument(text);
  return v;
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') out += ' ';
        else out += c;
    }
  }
  return out;
}

std::string json_escape(const std::string& s) {
  std::ostringstream os;
  for (char c : s) {
    switch (c) {
      case '"': os << "\\\""; break;
      case '\\': os << "\\\\"; break;
      case '\n': os << "\\n"; break;
      case '\t': os << "\\t"; break;
      case '\r': os << "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          os << "\\u" << std::hex << std::setw(4) << std::setfill('0') << int{c} << std::dec;
        } else {
          os << c;
        }
    }
  }
  return os.str();
}

std::string display_name(const Item& item) { return item.sequence ? item.sequence->name : item.file.filename().string(); }

void load(Item& item, const ReplayOptions& options) {
  try {
    item.sequence = replay::load_sequence(item.file, options.seed);
  } catch (const replay::InputError& e) {
    item.result.code = replay::kBadInput;
    item.result.report = std::string("BAD INPUT ") + e.what() + "\n";
  } catch (const YAML::Exception& e) {
    item.result.code = replay::kBadInput;
    item.result.report = "BAD INPUT " + item.file.string() + ":" + std::to_string(e.mark.line + 1) + ":" +
                         std::to_string(e.mark.column + 1) + ": " + e.msg + "\n";
  } catch (const std::exception& e) {
    item.result.code = replay::kBadInput;
    item.result.report = "BAD INPUT " + item.file.string() + ": " + e.what() + "\n";
  }
}

std::string trace_path(const ReplayOptions& options, const Item& item, size_t selected) {
  if (options.trace.empty()) return {};
  if (selected == 1) return options.trace;
  const fs::path p(options.trace);
  return (p.parent_path() / (p.stem().string() + "." + item.sequence->name + p.extension().string())).string();
}

void write_json(const std::string& path, const std::vector<Item>& items, int code) {
  std::ofstream f(path);
  f << "{\n  \"exit_code\": " << code << ",\n  \"sequences\": [";
  bool first = true;
  for (const Item& it : items) {
    if (!it.selected) continue;
    f << (first ? "\n" : ",\n") << "    {\"file\": \"" << json_escape(it.file.string()) << "\", \"name\": \""
      << json_escape(display_name(it)) << "\", \"result\": \"" << replay::outcome_name(it.result.code)
      << "\", \"exit_code\": " << it.result.code << ", \"cycles\": " << it.result.cycles
      << ", \"steps_run\": " << it.result.steps_run << ", \"report\": \"" << json_escape(it.result.report) << "\"}";
    first = false;
  }
  f << "\n  ]\n}\n";
}

void write_junit(const std::string& path, const std::vector<Item>& items) {
  size_t tests = 0, failures = 0, errors = 0;
  for (const Item& it : items) {
    if (!it.selected) continue;
    ++tests;
    if (it.result.code == replay::kCheckFailed) ++failures;
    else if (it.result.code != replay::kPass) ++errors;
  }
  std::ofstream f(path);
  f << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    << "<testsuites name=\"sailsim replay\" tests=\"" << tests << "\" failures=\"" << failures << "\" errors=\"" << errors
    << "\">\n  <testsuite name=\"sailsim replay\" tests=\"" << tests << "\" failures=\"" << failures << "\" errors=\""
    << errors << "\">\n";
  for (const Item& it : items) {
    if (!it.selected) continue;
    f << "    <testcase classname=\"" << xml_escape(it.file.string()) << "\" name=\"" << xml_escape(display_name(it)) << "\">\n";
    if (it.result.code == replay::kCheckFailed) {
      f << "      <failure type=\"FAIL\" message=\"a check failed (exit 1)\">" << xml_escape(it.result.report) << "</failure>\n";
    } else if (it.result.code != replay::kPass) {
      f << "      <error type=\"" << replay::outcome_name(it.result.code) << "\" message=\"exit "
        << it.result.code << "\">" << xml_escape(it.result.report) << "</error>\n";
    }
    f << "      <system-out>cycles " << it.result.cycles << ", steps " << it.result.steps_run << "</system-out>\n"
      << "    </testcase>\n";
  }
  f << "  </testsuite>\n</testsuites>\n";
}

}  // namespace

CLI::App* add_replay_command(CLI::App& app, ReplayOptions& options) {
  CLI::App* cmd = app.add_subcommand("replay", "Run YAML sequences (files, or folders searched for *.yaml) on the Sail card");
  cmd->add_option("paths", options.paths, "Sequence files or folders")->required();
  cmd->add_option_function<std::string>(
         "--seed", [&options](const std::string& s) { options.seed = parse_seed(s); },
         "Replace every sequence's config.seed")
      ->check([](const std::string& s) {
        try {
          parse_seed(s);
          return std::string();
        } catch (const std::exception&) {
          return "expected an integer seed, got '" + s + "'";
        }
      });
  cmd->add_option("--tag", options.tags, "Run only sequences with this tag (repeatable: any of them)");
  cmd->add_option("--trace", options.trace, "Write an FST waveform (several sequences: <stem>.<name>.fst)");
  cmd->add_option("--junit", options.junit, "Write a JUnit XML report");
  cmd->add_option("--json", options.json, "Write a JSON report");
  cmd->add_option("--record", options.record,
                  "Write a sequence that replays the host-port traffic of the (single) sequence exactly");
  cmd->add_option("-j,--jobs", options.jobs, "Sequences run in parallel (results stay in input order)")
      ->check(CLI::Range(1u, 256u));
  return cmd;
}

int run_replay(const ReplayOptions& options, std::ostream& out, std::ostream& err) {
  std::vector<fs::path> files;
  try {
    std::vector<fs::path> paths(options.paths.begin(), options.paths.end());
    files = replay::find_sequences(paths);
  } catch (const replay::InputError& e) {
    err << "sailsim replay: " << e.what() << "\n";
    return kExitBadInput;
  }
  if (files.empty()) {
    err << "sailsim replay: no *.yaml sequences under the paths given\n";
    return kExitBadInput;
  }
  std::vector<Item> items(files.size());
  for (size_t i = 0; i < files.size(); ++i) items[i].file = files[i];

  // Load and run, N at a time; every item's outcome is its own, so the order of the work
  // does not change what is printed.
  auto parallel = [&](auto&& work) {
    std::atomic<size_t> next{0};
    auto worker = [&] {
      for (size_t i = next++; i < items.size(); i = next++) work(items[i]);
    };
    const unsigned n = std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(items.size())));
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < n; ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
  };
  parallel([&](Item& item) { load(item, options); });

  size_t selected = 0;
  for (Item& it : items) {
    if (it.sequence && !options.tags.empty()) {
      it.selected = std::any_of(it.sequence->tags.begin(), it.sequence->tags.end(), [&](const std::string& t) {
        return std::find(options.tags.begin(), options.tags.end(), t) != options.tags.end();
      });
    }
    selected += it.selected;
  }
  if (selected == 0) {
    err << "sailsim replay: no sequence has any of the tags given\n";
    return kExitBadInput;
  }
  if (!options.record.empty() && selected != 1) {
    err << "sailsim replay: --record takes exactly one sequence (" << selected << " selected)\n";
    return kExitBadInput;
  }

  parallel([&](Item& item) {
    if (!item.selected || !item.sequence) return;
    replay::RunOptions run;
    run.fst_path = trace_path(options, item, selected);
    run.record = !options.record.empty();
    try {
      item.result = replay::run_sequence(*item.sequence, run);
    } catch (const std::exception& e) {
      item.result.code = replay::kCheckFailed;
      item.result.report = std::string("error: ") + e.what() + "\n";
    }
  });

  int code = replay::kPass;
  for (Item& it : items) {
    if (!it.selected) continue;
    code = replay::worst(code, it.result.code);
    out << replay::outcome_name(it.result.code) << "  " << display_name(it) << "  (" << it.file.string() << ")";
    if (it.sequence) out << ": " << it.result.steps_run << " of " << it.sequence->steps.size() << " steps, " << it.result.cycles << " cycles";
    out << "\n";
    if (!it.result.report.empty()) {
      std::istringstream lines(it.result.report);
      for (std::string line; std::getline(lines, line);) out << "    " << line << "\n";
    }
  }

  if (!options.record.empty()) {
    for (Item& it : items) {
      if (!it.selected || !it.sequence || it.result.code == replay::kBadInput) continue;
      try {
        replay::write_recording(*it.sequence, it.result, options.record);
        out << "recorded " << it.result.host_log.size() << " host-port transactions to " << options.record << "\n";
      } catch (const std::exception& e) {
        err << "sailsim replay: " << e.what() << "\n";
        code = replay::worst(code, replay::kBadInput);
      }
    }
  }

  // The summary table.
  size_t width = 8;
  for (const Item& it : items) width = std::max(width, display_name(it).size());
  out << "\n" << std::left << std::setw(10) << "result" << std::setw(static_cast<int>(width + 2)) << "sequence"
      << std::right << std::setw(12) << "cycles" << "  file\n";
  size_t counts[5] = {};
  for (const Item& it : items) {
    if (!it.selected) continue;
    ++counts[it.result.code];
    out << std::left << std::setw(10) << replay::outcome_name(it.result.code) << std::setw(static_cast<int>(width + 2))
        << display_name(it) << std::right << std::setw(12) << it.result.cycles << "  " << it.file.string() << "\n";
  }
  out << selected << " sequences: " << counts[0] << " passed, " << counts[1] << " failed checks, " << counts[2]
      << " bad input, " << counts[3] << " timed out, " << counts[4] << " protocol violations; exit code " << code << "\n";

  if (!options.json.empty()) write_json(options.json, items, code);
  if (!options.junit.empty()) write_junit(options.junit, items);
  return code;
}

}  // namespace sailsim::cli
