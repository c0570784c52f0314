#include "sailsim/regression/report.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "sailsim/regression/coverage_report.hpp"
#include "sailsim/regression/history.hpp"

namespace sailsim::regression {

bool failed(const RunRecord& r) { return r.exit_code != 0 || r.nondeterministic; }

std::vector<Bucket> bucket_failures(const std::vector<RunRecord>& records) {
  std::vector<Bucket> buckets;
  std::map<std::string, size_t> where;
  for (size_t i = 0; i < records.size(); ++i) {
    if (!failed(records[i])) continue;
    const auto [it, fresh] = where.emplace(records[i].signature, buckets.size());
    if (fresh) buckets.push_back({records[i].signature, {}});
    buckets[it->second].runs.push_back(i);
  }
  return buckets;
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string json_string_list(const std::vector<std::string>& v) {
  std::string o = "[";
  for (size_t i = 0; i < v.size(); ++i) o += (i ? ", " : "") + json_string(v[i]);
  return o + "]";
}

std::string json_percent(uint64_t part, uint64_t whole) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", whole == 0 ? 100.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        if (c < 0x20 && c != '\n' && c != '\t') out += ' ';  // not allowed in XML 1.0
        else out += ch;
    }
  }
  return out;
}

namespace {

std::string xml(const std::string& s) { return xml_escape(s); }

std::string seed_json(const RunRecord& r) { return r.seed ? std::to_string(*r.seed) : "null"; }

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace

std::string read_text_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string write_text_file(const std::filesystem::path& file, const std::string& text) {
  const int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot write " + file.string() + ": " + std::strerror(errno);
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string e = std::strerror(errno);
      close(fd);
      return "cannot write " + file.string() + ": " + e;
    }
    done += static_cast<size_t>(n);
  }
  if (close(fd) != 0) return "cannot write " + file.string() + ": " + std::strerror(errno);
  return {};
}

std::string results_json(uint64_t base_seed, int exit_code, const std::vector<RunRecord>& records,
                         const std::string& coverage_json, const std::string& functional_json,
                         const std::string& mutation_json) {
  std::ostringstream o;
  o << "{\n  \"base_seed\": " << base_seed << ",\n  \"exit_code\": " << exit_code << ",\n";
  if (!coverage_json.empty()) o << "  \"coverage\": " << coverage_json << ",\n";
  if (!functional_json.empty()) o << "  \"functional_coverage\": " << functional_json << ",\n";
  if (!mutation_json.empty()) o << "  \"mutation\": " << mutation_json << ",\n";
  o << "  \"runs\": [";
  for (size_t i = 0; i < records.size(); ++i) {
    const RunRecord& r = records[i];
    o << (i ? ",\n" : "\n") << "    {\"name\": " << json_string(r.name) << ", \"group\": " << json_string(r.group)
      << ", \"kind\": " << json_string(kind_name(r.kind)) << ", \"seed\": " << seed_json(r)
      << ", \"input\": " << json_string(r.input.string()) << ", \"result\": " << json_string(r.result)
      << ", \"exit_code\": " << r.exit_code << ", \"child_exit\": " << r.child_exit
      << ", \"signal\": " << (r.signal.empty() ? "null" : json_string(r.signal))
      << ", \"signature\": " << (r.signature.empty() ? "null" : json_string(r.signature))
      << ", \"nondeterministic\": " << (r.nondeterministic ? "true" : "false");
    if (r.nondeterministic) o << ", \"rerun\": " << json_string(r.rerun);
    o << ", \"cycles\": " << (r.cycles ? std::to_string(*r.cycles) : "null");
    o << ", \"ddr_beats\": " << (r.ddr_beats ? std::to_string(*r.ddr_beats) : "null");
    o << ", \"measured\": {\"wall_seconds\": " << fixed(r.wall_seconds, 3) << ", \"cycles_per_second\": ";
    if (r.cycles && r.wall_seconds > 0) o << fixed(static_cast<double>(*r.cycles) / r.wall_seconds, 1);
    else o << "null";
    o << ", \"peak_rss_kib\": " << r.peak_rss_kib << "}}";
  }
  o << "\n  ]\n}\n";
  return o.str();
}

std::string buckets_json(const std::vector<RunRecord>& records, const std::vector<Bucket>& buckets,
                         const HistoryMarks* history) {
  std::ostringstream o;
  o << "{\n  \"buckets\": [";
  for (size_t b = 0; b < buckets.size(); ++b) {
    const RunRecord& first = records[buckets[b].runs.front()];
    o << (b ? ",\n" : "\n") << "    {\"signature\": " << json_string(buckets[b].signature)
      << ", \"count\": " << buckets[b].runs.size() << ", \"first_run\": " << json_string(first.name)
      << ", \"first_seed\": " << seed_json(first) << ", \"repro\": " << json_string(first.repro) << ", \"runs\": [";
    for (size_t i = 0; i < buckets[b].runs.size(); ++i)
      o << (i ? ", " : "") << json_string(records[buckets[b].runs[i]].name);
    o << "]";
    if (history) o << ", \"history\": " << json_string(history->bucket.at(buckets[b].signature));
    o << "}";
  }
  o << "\n  ]";
  if (history) {
    o << ",\n  \"fixed\": [";
    for (size_t i = 0; i < history->fixed.size(); ++i) o << (i ? ", " : "") << json_string(history->fixed[i]);
    o << "]";
  }
  o << "\n}\n";
  return o.str();
}

std::string write_junit(const std::filesystem::path& file, const std::vector<RunRecord>& records,
                        const std::vector<GoalResult>* goals) {
  std::ostringstream o;
  o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"sailsim regress\">\n";
  for (size_t i = 0; i < records.size();) {
    size_t end = i;
    size_t failures = 0;
    double time = 0;
    while (end < records.size() && records[end].group == records[i].group) {
      failures += failed(records[end]) ? 1 : 0;
      time += records[end].wall_seconds;
      ++end;
    }
    o << "  <testsuite name=\"" << xml(records[i].group) << "\" tests=\"" << end - i << "\" failures=\""
      << failures << "\" time=\"" << fixed(time, 3) << "\">\n";
    for (; i < end; ++i) {
      const RunRecord& r = records[i];
      const std::string name = r.name + (r.seed ? " seed=" + std::to_string(*r.seed) : "");
      o << "    <testcase classname=\"" << xml(r.group) << "\" name=\"" << xml(name) << "\" time=\""
        << fixed(r.wall_seconds, 3) << "\"";
      if (!failed(r)) {
        o << "/>\n";
        continue;
      }
      o << ">\n      <failure message=\"" << xml(r.signature) << "\" type=\"" << xml(r.result) << "\">"
        << xml("exit code " + std::to_string(r.exit_code) + (r.signal.empty() ? "" : ", signal " + r.signal) +
               "\nrepro: " + r.repro)
        << "</failure>\n    </testcase>\n";
    }
    o << "  </testsuite>\n";
  }
  if (goals && !goals->empty()) {
    size_t missed = 0;
    for (const GoalResult& g : *goals) missed += g.met ? 0 : 1;
    o << "  <testsuite name=\"coverage\" tests=\"" << goals->size() << "\" failures=\"" << missed
      << "\" time=\"0.000\">\n";
    for (const GoalResult& g : *goals) {
      const std::string name = g.goal.module + "." + g.goal.kind + " >= " + fixed(g.goal.percent, 2) + "%";
      o << "    <testcase classname=\"coverage\" name=\"" << xml(name) << "\" time=\"0.000\"";
      if (g.met) {
        o << "/>\n";
        continue;
      }
      std::string lines;
      for (size_t i = 0; i < g.uncovered.size() && i < 200; ++i) lines += g.uncovered[i] + "\n";
      if (g.uncovered.size() > 200) lines += "... " + std::to_string(g.uncovered.size() - 200) + " more\n";
      o << ">\n      <failure message=\"" << xml(coverage_goal_message(g)) << "\" type=\"COVERAGE\">" << xml(lines)
        << "</failure>\n    </testcase>\n";
    }
    o << "  </testsuite>\n";
  }
  o << "</testsuites>\n";
  return write_text_file(file, o.str());
}

}  // namespace sailsim::regression
