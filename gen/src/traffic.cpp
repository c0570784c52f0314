#include "sailsim/gen/traffic.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <vector>

namespace sailsim::gen {

namespace {

constexpr uint64_t kPage = 4096;
constexpr uint64_t kBusBytes = 32;       // the host port's data width
constexpr uint8_t kBackground = 0xee;    // the window's bytes before any transaction
constexpr uint64_t kScratch = 0x0c;      // SCRATCH: read / write, no effect
constexpr uint32_t kId = 0x5341494c;     // ID: "SAIL"

std::string num(uint64_t v) { return std::to_string(v); }

// The bytes one beat carries: [lo, lo + n), per the AXI4 specification's burst addressing
// (A3.4.2), written independently of the C++ model that the run checks.
struct Beat {
  uint64_t lo = 0, n = 0;
};

std::vector<Beat> beats(uint64_t start, uint64_t size, uint64_t count, const std::string& burst) {
  const uint64_t aligned = start / size * size;
  std::vector<Beat> out;
  for (uint64_t i = 0; i < count; ++i) {
    if (burst == "FIXED" || (burst == "INCR" && i == 0)) {
      out.push_back({start, aligned + size - start});
    } else if (burst == "INCR") {
      out.push_back({aligned + i * size, size});
    } else {  // WRAP: start is aligned; the addresses wrap inside size x count bytes
      const uint64_t span = size * count;
      const uint64_t base = start / span * span;
      uint64_t a = start + i * size;
      if (a >= base + span) a -= span;
      out.push_back({a, size});
    }
  }
  return out;
}

}  // namespace

std::string traffic_command(uint64_t seed, const TrafficKnobs& k) {
  return "sailsim gen traffic --seed " + num(seed) + " --bursts " + num(k.bursts) + " " + shape_options(k.shape) +
         " --overlap " + decimal(k.overlap) + " --pages " + num(k.pages) + " --empty-beats " + decimal(k.empty_beats) +
         " --path " + path_knob_name(k.path) + " --timing " + timing_name(k.timing) + " -o FILE.yaml";
}

std::string generate_traffic(uint64_t seed, const TrafficKnobs& knobs) {
  Rng rng(seed);
  const Path path = draw_path(rng, knobs.path);
  Layout layout;
  Job job = random_job(rng, knobs.shape, layout, "A1", "B1", 1);
  const uint64_t pages = knobs.pages;  // the DDR window the transactions use
  const uint64_t window = layout.place(pages * kPage, 0);
  std::vector<uint8_t> board(pages * kPage, kBackground);  // the scoreboard

  Header h;
  h.kind = "traffic";
  h.seed = seed;
  h.command = traffic_command(seed, knobs);
  h.description = "random host transactions against a scoreboard while a matmul job runs";
  h.about = {"Each axi_read expects what the earlier axi_writes left (the generator's scoreboard,",
             "from the AXI4 burst rules), starting from a 0xee background; the job is then exact."};
  const Timing timing = draw_timing(seed, knobs.timing);
  apply_timing(h, timing, 4 * job.cycle_estimate() + 200 * uint64_t{knobs.bursts});
  SequenceText text(h);
  JobSteps steps(text, path);
  steps.declare_operands(job);
  steps.start();
  steps.load(job, true);
  text.step(std::string(path == Path::driver ? "ioctl: {cmd: MEM_WRITE, addr: " + hex(window) + ", host: " :
                                               "write: {addr: " + hex(window) + ", data: ") +
            "{fill: {byte: 0xee, size: " + num(board.size()) + "}}}");
  steps.submit(job);
  text.comment("host transactions while the job runs");
  struct Shape {
    uint64_t start, size, count;
    std::string burst;
  };
  std::vector<Shape> written;  // earlier writes, which reads may go over again
  // The transactions, each with its DDR page (kNoPage: the registers, always waited for).
  constexpr uint64_t kNoPage = ~uint64_t{0};
  std::vector<std::pair<uint64_t, std::string>> issued;
  for (uint32_t t = 0; t < knobs.bursts; ++t) {
    if (rng.chance(0.1)) {  // the registers: SCRATCH written and read back, or ID read
      if (rng.chance(0.5)) {
        const uint32_t v = static_cast<uint32_t>(rng.next());
        issued.emplace_back(kNoPage, "axi_write: {addr: " + hex(kScratch) + ", len: 0, size: 4, burst: INCR, data: {hex: \"" + le32_hex(v) + "\"}}");
        issued.emplace_back(kNoPage, "axi_read: {addr: " + hex(kScratch) + ", len: 0, size: 4, burst: INCR, expect: {hex: \"" + le32_hex(v) + "\"}}");
      } else {
        issued.emplace_back(kNoPage, "axi_read: {addr: 0x0, len: 0, size: 4, burst: INCR, expect: {hex: \"" + le32_hex(kId) + "\"}}");
      }
      continue;
    }
    uint64_t size = uint64_t{1} << rng.uniform(0, 5);
    const uint64_t kind = rng.uniform(0, 2);
    std::string burst = kind == 0 ? "FIXED" : kind == 1 ? "INCR" : "WRAP";
    uint64_t count = 0, start = 0;
    const uint64_t page = window + kPage * rng.uniform(0, pages - 1);
    if (burst == "FIXED") {
      count = rng.uniform(1, 16);
      start = page + rng.uniform(0, kPage - 1);
    } else if (burst == "WRAP") {
      count = uint64_t{2} << rng.uniform(0, 3);  // 2, 4, 8 or 16 beats
      start = page + rng.uniform(0, kPage / size - 1) * size;
    } else {
      count = rng.uniform(1, std::min<uint64_t>(256, 1024 / size));
      const uint64_t bytes = count * size;
      // A quarter of them end exactly at the 4 KiB edge; the others anywhere inside the page.
      const uint64_t aligned = rng.chance(0.25) ? page + kPage - bytes : page + rng.uniform(0, (kPage - bytes) / size) * size;
      start = aligned + (rng.chance(0.5) ? rng.uniform(0, size - 1) : 0);
    }
    const bool is_write = rng.chance(0.55);
    if (is_write) {
      written.push_back({start, size, count, burst});
    } else if (!written.empty() && rng.chance(0.6)) {
      // Read over an earlier write's bytes, so that reads see more than the background.
      const Shape& w = written[rng.uniform(0, written.size() - 1)];
      start = w.start;
      size = w.size;
      count = w.count;
      burst = w.burst;
    }
    const std::vector<Beat> bs = beats(start, size, count, burst);
    // The page the transaction touches (a read over an earlier write is in that write's page);
    // the window starts at a page boundary and no transaction leaves its page.
    const uint64_t touched = start - (start - window) % kPage;
    for (const Beat& b : bs)
      if (b.lo < touched || b.lo + b.n > touched + kPage) throw std::logic_error("gen traffic: a transaction leaves its page");
    const std::string head = "{addr: " + hex(start) + ", id: " + num(rng.uniform(0, 3)) + ", len: " + num(count - 1) +
                             ", size: " + num(size) + ", burst: " + burst;
    std::vector<uint8_t> data;
    if (is_write) {
      std::string strb;
      for (const Beat& b : bs) {
        uint32_t mask = 0;
        // Drawn only when asked for, so that the default knobs give the same files as before.
        const bool empty = knobs.empty_beats > 0 && rng.chance(knobs.empty_beats);
        for (uint64_t i = 0; i < b.n; ++i) {
          const uint8_t byte = static_cast<uint8_t>(rng.next());
          data.push_back(byte);
          const bool on = rng.chance(0.8) && !empty;
          if (on) {
            mask |= 1u << ((b.lo + i) % kBusBytes);
            board[b.lo + i - window] = byte;
          }
        }
        char m[16];
        std::snprintf(m, sizeof m, "0x%08x", mask);
        strb += std::string(strb.empty() ? "" : ", ") + m;
      }
      issued.emplace_back(touched, "axi_write: " + head + ", data: {hex: \"" + hex_bytes(data) + "\"}, strb: [" + strb + "]}");
    } else {
      for (const Beat& b : bs)
        for (uint64_t i = 0; i < b.n; ++i) data.push_back(board[b.lo + i - window]);
      issued.emplace_back(touched, "axi_read: " + head + ", expect: {hex: \"" + hex_bytes(data) + "\"}}");
    }
  }
  std::map<uint64_t, size_t> last_of_page;
  for (size_t i = 0; i < issued.size(); ++i)
    if (issued[i].first != kNoPage) last_of_page[issued[i].first] = i;
  bool overlapped = false;
  for (size_t i = 0; i < issued.size(); ++i) {
    std::string& step = issued[i].second;
    if (issued[i].first != kNoPage && last_of_page[issued[i].first] == i && rng.chance(knobs.overlap)) {
      step.insert(step.size() - 1, ", wait: false");  // before the step's closing brace
      overlapped = true;
    }
    text.step(step);
  }
  steps.wait(job, 0);
  // Transactions issued without waiting may still be in flight: drain the host port first.
  if (overlapped) text.step("wait: {until: engine_idle}");
  steps.check(job, true);
  // The whole window, through the back door: every byte the scoreboard says.
  text.step("check: {addr: " + hex(window) + ", equals: {hex: \"" + hex_bytes(board) + "\"}}");
  return text.str();
}

}  // namespace sailsim::gen
