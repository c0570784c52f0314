#include "sailsim/cli/replay_command.hpp"

#include <yaml-cpp/yaml.h>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "sailsim/cli/exit_codes.hpp"
#include "sailsim/replay/loader.hpp"
#include "sailsim/replay/output_file.hpp"
#include "sailsim/replay/record.hpp"
#include "sailsim/replay/runner.hpp"
#include "sailsim/replay/scan.hpp"

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

replay::RunOptions run_options(const ReplayOptions& options, const Item& item, size_t selected) {
  replay::RunOptions run;
  run.fst_path = trace_path(options, item, selected);
  run.record = !options.record.empty();
  run.output_dir = options.out_dir;
  run.random_initial_state = options.random_initial_state;
  run.functional_coverage = !options.functional_coverage.empty();
  run.target = options.target;
  return run;
}

// Every output, checked before anything is simulated: --out, the reports, the recording, and
// what each selected sequence writes (FST, snapshots). Two writers of one file, or an output
// that is one of the inputs, are refused too. One line per problem; empty: all writable.
std::vector<std::string> output_problems(const ReplayOptions& options, const std::vector<Item>& items, size_t selected) {
  std::vector<std::string> problems;
  if (!options.out_dir.empty()) {
    std::error_code ec;
    if (!fs::is_directory(options.out_dir, ec)) {
      problems.push_back("--out " + options.out_dir + ": " + (fs::exists(options.out_dir, ec) ? "not a folder" : "no such folder"));
    } else if (::access(options.out_dir.c_str(), W_OK | X_OK) != 0) {
      problems.push_back("--out " + options.out_dir + ": the folder is not writable (" + std::strerror(errno) + ")");
    }
    if (!problems.empty()) return problems;  // every snapshot would repeat it
  }
  auto key = [](const fs::path& p) {
    std::error_code ec;
    const fs::path k = fs::weakly_canonical(p, ec);
    return ec ? fs::absolute(p, ec).lexically_normal() : k;
  };
  std::map<fs::path, std::string> inputs;  // canonical path -> the input as given
  // canonical path -> who writes it: the item (null: an option) and the words for it. One
  // sequence may snapshot to a file twice; two writers of one file would race under -j.
  std::map<fs::path, std::pair<const Item*, std::string>> writers;
  for (const Item& it : items) inputs.emplace(key(it.file), it.file.string());
  // who: the option or step that writes it; where: for whom (a sequence file, a step's place).
  auto check = [&](const fs::path& path, const Item* item, const std::string& who, const std::string& where,
                   replay::OutputKind kind) {
    const std::string what = "cannot write " + who + " " + path.string() + (where.empty() ? "" : " (" + where + ")") + ": ";
    if (const std::string problem = replay::output_problem(path, kind); !problem.empty()) {
      problems.push_back(what + problem);
      return;
    }
    const fs::path k = key(path);
    if (const auto in = inputs.find(k); in != inputs.end()) {
      problems.push_back(what + "it is the input sequence " + in->second);
      return;
    }
    const std::string writer = where.empty() ? who : who + " (" + where + ")";
    const auto [w, fresh] = writers.emplace(k, std::make_pair(item, writer));
    if (!fresh && (w->second.first != item || w->second.second != writer)) {
      problems.push_back(what + "also written by " + w->second.second);
    }
  };
  if (!options.json.empty()) check(options.json, nullptr, "--json", "", replay::OutputKind::Any);
  if (!options.junit.empty()) check(options.junit, nullptr, "--junit", "", replay::OutputKind::Any);
  if (!options.record.empty()) check(options.record, nullptr, "--record", "", replay::OutputKind::Any);
  if (!options.functional_coverage.empty()) {
    check(options.functional_coverage, nullptr, "--functional-coverage", "", replay::OutputKind::Any);
  }
  for (const Item& it : items) {
    if (!it.selected || !it.sequence) continue;
    for (const replay::OutputFile& f : replay::output_files(*it.sequence, run_options(options, it, selected))) {
      if (!f.step) {
        check(f.path, &it, "--trace", it.file.string(), replay::OutputKind::Regular);
        continue;
      }
      check(f.path, &it, "snapshot",
            it.file.string() + ":" + std::to_string(f.step->where.line) + ":" + std::to_string(f.step->where.column),
            replay::OutputKind::Any);
    }
  }
  return problems;
}

// Writes a report; a failure is one line on `err` and exit code 2.
bool write_report(const char* option, const std::string& path, const std::string& text, std::ostream& err) {
  try {
    replay::write_output_file(path, text);
    return true;
  } catch (const replay::OutputError& e) {
    err << "sailsim replay: " << option << ": " << e.what() << "\n";
    return false;
  }
}

std::string json_report(const std::vector<Item>& items, int code) {
  std::ostringstream f;
  f << "{\n  \"exit_code\": " << code << ",\n  \"sequences\": [";
  bool first = true;
  for (const Item& it : items) {
    if (!it.selected) continue;
    f << (first ? "\n" : ",\n") << "    {\"file\": \"" << json_escape(it.file.string()) << "\", \"name\": \""
      << json_escape(display_name(it)) << "\", \"result\": \"" << replay::outcome_name(it.result.code)
      << "\", \"exit_code\": " << it.result.code << ", \"cycles\": " << it.result.cycles
      << ", \"ddr_beats\": " << it.result.ddr_beats
      << ", \"steps_run\": " << it.result.steps_run << ", \"report\": \"" << json_escape(it.result.report) << "\"}";
    first = false;
  }
  f << "\n  ]\n}\n";
  return f.str();
}

std::string junit_report(const std::vector<Item>& items) {
  size_t tests = 0, failures = 0, errors = 0;
  for (const Item& it : items) {
    if (!it.selected) continue;
    ++tests;
    if (it.result.code == replay::kCheckFailed) ++failures;
    else if (it.result.code != replay::kPass) ++errors;
  }
  std::ostringstream f;
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
  return f.str();
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
  cmd->add_option("--functional-coverage", options.functional_coverage,
                  "Write the functional coverage bins the runs hit, summed (docs/functional-coverage.md)");
  cmd->add_option("-o,--out", options.out_dir,
                  "Folder for the files sequences write (snapshot steps; default: the working directory)");
  cmd->add_option("-j,--jobs", options.jobs, "Sequences run in parallel (results stay in input order)")
      ->check(CLI::Range(1u, 256u));
  return cmd;
}

int run_replay(const ReplayOptions& options, std::ostream& out, std::ostream& err) {
  if (options.random_initial_state && options.jobs > 1) {
    err << "sailsim replay: -j " << options.jobs
        << ": this sailsim-x-random build runs one sequence at a time (-j 1): Verilator draws random "
           "initial state per thread\n";
    return kExitBadInput;
  }
  replay::Scan scan;
  try {
    scan = replay::scan_sequences(std::vector<fs::path>(options.paths.begin(), options.paths.end()));
  } catch (const replay::InputError& e) {
    err << "sailsim replay: " << e.what() << "\n";
    return kExitBadInput;
  }
  for (const replay::SkippedFile& s : scan.skipped) out << "skipped " << s.file.string() << ": " << s.reason << "\n";
  const std::vector<fs::path>& files = scan.sequences;
  if (files.empty()) {
    err << "sailsim replay: no *.yaml sequences under the paths given";
    if (!scan.skipped.empty()) err << " (" << scan.skipped.size() << " skipped: not sequences)";
    err << "\n";
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
  if (const auto problems = output_problems(options, items, selected); !problems.empty()) {
    for (const std::string& p : problems) err << "sailsim replay: " << p << "\n";
    err << "sailsim replay: nothing was simulated\n";
    return kExitBadInput;
  }

  parallel([&](Item& item) {
    if (!item.selected || !item.sequence) return;
    try {
      item.result = replay::run_sequence(*item.sequence, run_options(options, item, selected));
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
        err << "sailsim replay: --record: " << e.what() << "\n";
        code = replay::worst(code, replay::kBadInput);
      }
    }
  }
  // The reports before the count line, so that its exit code counts a failed write.
  if (!options.junit.empty() && !write_report("--junit", options.junit, junit_report(items), err)) code = replay::kBadInput;
  if (!options.json.empty() && !write_report("--json", options.json, json_report(items, code), err)) code = replay::kBadInput;
  if (!options.functional_coverage.empty()) {
    fcov::Counts sum;
    for (const Item& it : items) {
      if (it.selected) sum.merge(it.result.fcov);
    }
    if (!write_report("--functional-coverage", options.functional_coverage, sum.to_text(), err)) code = replay::kBadInput;
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
  return code;
}

}  // namespace sailsim::cli
