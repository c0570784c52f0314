#include "sailsim/card/sail_card.hpp"

#include <cstring>
#include <sstream>

#include "Vsail_top.h"
#include "sailsim/rtl/sail_map.hpp"
#include "sailsim/tb/simulation.hpp"

namespace sailsim::card {

namespace map = sailsim::rtl;

SailCard::SailCard(CardConfig config) : config_(std::move(config)) {
  sim_ = std::make_unique<tb::Simulation<Vsail_top>>(config_.simulation);
  host_port_ = &sim_->bind(SAILSIM_AXI_PORT(&sim_->top(), s_), "host");
  ddr_port_ = &sim_->bind(SAILSIM_AXI_PORT(&sim_->top(), m_), "ddr");
  host_ = &sim_->attach_host(*host_port_, config_.host);
  axi4::MemoryPortConfig memory_config = config_.memory;
  memory_config.master_id_bits = axi4::kIdWidth;  // the crossbar prepends the master's index
  ddr_ = &sim_->attach_memory(*ddr_port_, memory_, memory_config);
  sim_->reset();
}

SailCard::~SailCard() = default;

tb::Simulation<Vsail_top>& SailCard::simulation() { return *sim_; }
tb::Kernel& SailCard::kernel() { return *sim_; }
Vsail_top& SailCard::top() { return sim_->top(); }
uint64_t SailCard::cycle() const { return sim_->cycle(); }
bool SailCard::checkers_clean() const { return sim_->checkers_clean(); }
std::string SailCard::checker_report() const { return sim_->checker_report(); }
std::string SailCard::report() const { return sim_->report(); }
bool SailCard::irq() const { return sim_->top().irq_o != 0; }
bool SailCard::engine_busy() const { return sim_->top().busy_o != 0; }
unsigned SailCard::queued() const { return sim_->top().queued_o; }
void SailCard::reset() { sim_->reset(); }
void SailCard::run(uint64_t cycles) { sim_->run(cycles); }

void SailCard::load(uint64_t addr, std::span<const uint8_t> bytes) { memory_.load(addr, bytes); }
std::vector<uint8_t> SailCard::peek(uint64_t addr, size_t size) const { return memory_.peek(addr, size); }

void SailCard::settle(const char* what, uint64_t offset) {
  if (!sim_->run_until([&] { return host_->idle(); }, config_.host_timeout_cycles)) {
    std::ostringstream os;
    os << "sail card: " << what << " at 0x" << std::hex << offset << " got no answer in " << std::dec
       << config_.host_timeout_cycles << " cycles\n"
       << sim_->report();
    throw CardError(os.str());
  }
}

namespace {
void expect_ok(const axi4::Handle& h, const char* what, uint64_t offset) {
  if (!h->ok()) {
    std::ostringstream os;
    os << "sail card: " << what << " at 0x" << std::hex << offset << " answered " << axi4::to_string(h->resp);
    throw CardError(os.str());
  }
}
}  // namespace

uint32_t SailCard::read32(uint32_t offset) {
  axi4::Handle r = host_->read(offset, 4);
  settle("register read", offset);
  expect_ok(r, "register read", offset);
  uint32_t value = 0;
  std::memcpy(&value, r->data.data(), 4);
  return value;
}

uint64_t SailCard::read64(uint32_t offset) {
  axi4::Handle r = host_->read(offset, 8);  // one beat: both halves from the same cycle
  settle("register read", offset);
  expect_ok(r, "register read", offset);
  uint64_t value = 0;
  std::memcpy(&value, r->data.data(), 8);
  return value;
}

void SailCard::write32(uint32_t offset, uint32_t value) {
  std::vector<uint8_t> bytes(4);
  std::memcpy(bytes.data(), &value, 4);
  axi4::Handle w = host_->write(offset, bytes);
  settle("register write", offset);
  expect_ok(w, "register write", offset);
}

Counters SailCard::counters() {
  Counters c;
  c.busy_cycles = read64(map::reg::kBusyCycles);
  c.bytes_read = read64(map::reg::kBytesRead);
  c.bytes_written = read64(map::reg::kBytesWritten);
  c.read_stalls = read64(map::reg::kReadStalls);
  c.jobs_done = read64(map::reg::kJobsDone);
  c.jobs_failed = read64(map::reg::kJobsFailed);
  return c;
}

void SailCard::clear_counters() { write32(map::reg::kPerfClear, 1); }

axi4::Resp SailCard::submit(const rtl::JobDescriptor& job) {
  const auto words = job.words();
  std::vector<uint8_t> bytes(map::kQueueBytes);
  std::memcpy(bytes.data(), words.data(), bytes.size());
  axi4::Handle w = host_->write(map::reg::kQueue, bytes);
  settle("descriptor write", map::reg::kQueue);
  return w->resp;
}

bool SailCard::wait_irq(uint64_t max_cycles) {
  return sim_->run_until([&] { return irq(); }, max_cycles);
}

JobRun SailCard::run_job(const rtl::JobDescriptor& job, uint64_t max_cycles) {
  JobRun run;
  write32(map::reg::kIrqEnable, map::irq::kDone | map::irq::kError);
  clear_counters();
  const axi4::Resp resp = submit(job);
  if (resp != axi4::Resp::Okay) {
    throw CardError(std::string("sail card: the command queue refused the descriptor (") + std::string(axi4::to_string(resp)) +
                    ")");
  }
  const uint64_t start = cycle();
  run.completed = wait_irq(max_cycles);
  run.cycles = cycle() - start;
  if (!run.completed) return run;
  run.tag = read32(map::reg::kLastTag);
  run.error = static_cast<rtl::JobError>(read32(map::reg::kLastError));
  run.counters = counters();
  write32(map::reg::kIrqClear, map::irq::kDone | map::irq::kError);
  return run;
}

}  // namespace sailsim::card
