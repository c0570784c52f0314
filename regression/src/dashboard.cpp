#include "sailsim/regression/dashboard.hpp"

#include <sstream>
#include <system_error>

#include "sailsim/regression/report.hpp"

namespace sailsim::embedded {
// regression/dashboard/*, and Chart.js from .deps/dashboard-npm (dashboard_assets.cpp).
extern const unsigned char chart_js[];
extern const std::size_t chart_js_size;
extern const unsigned char dashboard_js[];
extern const std::size_t dashboard_js_size;
extern const unsigned char dashboard_css[];
extern const std::size_t dashboard_css_size;
}  // namespace sailsim::embedded

namespace fs = std::filesystem;

namespace sailsim::regression {

namespace {

std::string text_of(const unsigned char* bytes, std::size_t size) {
  return {reinterpret_cast<const char*>(bytes), size};
}

// JSON inside <script>: "</" would end the element; "<\/" is the same JSON string.
std::string script_safe(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (size_t i = 0; i < json.size(); ++i) {
    out += json[i];
    if (json[i] == '<' && i + 1 < json.size() && json[i + 1] == '/') out += '\\';
  }
  return out;
}

std::string night_json(const DashboardInput& in) {
  std::ostringstream o;
  o << "{\"plan\": " << json_string(in.plan) << ", \"commit\": " << json_string(in.commit)
    << ", \"date\": " << json_string(in.date) << ", \"base_seed\": " << json_string(std::to_string(in.base_seed))
    << ", \"history\": " << (in.history ? "true" : "false") << ", \"first_seeds\": [";
  for (size_t i = 0; i < in.first_seeds.size(); ++i)
    o << (i ? ", " : "") << (in.first_seeds[i].empty() ? "null" : json_string(in.first_seeds[i]));
  o << "],\n \"nights\": [";
  for (size_t i = 0; i < in.nights.size(); ++i) {
    const NightRates& n = in.nights[i];
    o << (i ? ",\n  " : "\n  ") << "{\"id\": " << n.id << ", \"date\": " << json_string(n.date)
      << ", \"commit\": " << json_string(n.commit) << ", \"runs\": " << n.runs << ", \"failed\": " << n.failed
      << ", \"groups\": [";
    for (size_t g = 0; g < n.groups.size(); ++g)
      o << (g ? ", " : "") << "{\"group\": " << json_string(n.groups[g].group) << ", \"runs\": " << n.groups[g].runs
        << ", \"passed\": " << n.groups[g].passed << "}";
    o << "]}";
  }
  o << "]}\n";
  return o.str();
}

}  // namespace

NightRates night_of(const std::vector<RunRecord>& records, const std::string& commit, const std::string& date) {
  NightRates n;
  n.id = 1;
  n.commit = commit;
  n.date = date;
  for (const RunRecord& r : records) {
    ++n.runs;
    n.failed += failed(r) ? 1 : 0;
    if (n.groups.empty() || n.groups.back().group != r.group) n.groups.push_back({r.group, 0, 0});
    ++n.groups.back().runs;
    n.groups.back().passed += failed(r) ? 0 : 1;
  }
  return n;
}

std::string write_dashboard(const fs::path& dir, const DashboardInput& in) {
  std::error_code ec;
  fs::create_directories(dir / "assets", ec);
  if (ec) return "cannot write " + (dir / "assets").string() + ": " + ec.message();
  const struct {
    const char* name;
    std::string text;
  } assets[] = {
      {"chart.umd.min.js", text_of(embedded::chart_js, embedded::chart_js_size)},
      {"dashboard.js", text_of(embedded::dashboard_js, embedded::dashboard_js_size)},
      {"dashboard.css", text_of(embedded::dashboard_css, embedded::dashboard_css_size)},
  };
  for (const auto& a : assets)
    if (std::string problem = write_text_file(dir / "assets" / a.name, a.text); !problem.empty()) return problem;

  std::ostringstream page;
  page << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<title>sailsim regress: " << xml_escape(in.plan) << "</title>\n"
       << "<link rel=\"stylesheet\" href=\"assets/dashboard.css\">\n"
       << "<script src=\"assets/chart.umd.min.js\"></script>\n</head>\n<body>\n"
       << "<h1 id=\"title\">sailsim regress</h1>\n"
       << "<p>Reports beside this page: <a href=\"results.json\">results.json</a>, "
       << "<a href=\"buckets.json\">buckets.json</a>, <a href=\"junit.xml\">junit.xml</a>, "
       << "<a href=\"failures/\">failures/</a>.</p>\n"
       << "<noscript><p>This page draws its tables and plots with JavaScript.</p></noscript>\n"
       << "<main id=\"main\"></main>\n"
       << "<script type=\"application/json\" id=\"sailsim-results\">\n" << script_safe(in.results_json) << "</script>\n"
       << "<script type=\"application/json\" id=\"sailsim-buckets\">\n" << script_safe(in.buckets_json) << "</script>\n"
       << "<script type=\"application/json\" id=\"sailsim-night\">\n" << script_safe(night_json(in)) << "</script>\n"
       << "<script src=\"assets/dashboard.js\"></script>\n</body>\n</html>\n";
  return write_text_file(dir / "index.html", page.str());
}

}  // namespace sailsim::regression
