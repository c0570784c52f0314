// The C ABI of sailsim.h over shim::Device. Every entry point catches everything: no C++
// exception crosses into C.
#include "sailsim.h"
#include "sailsim_version.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>

#include "sailsim/shim/config_file.hpp"
#include "sailsim/shim/device.hpp"

struct sailsim_card {
  explicit sailsim_card(sailsim::shim::DeviceConfig config) : device(std::move(config)) {}
  sailsim::shim::Device device;
};

static_assert(sizeof(sailsim_line) == 40);
static_assert(sizeof(sailsim_txn) == 64);

namespace {

size_t copy_log(const std::vector<sailsim::axi4::TransactionRecord>& records, sailsim_txn* out) {
  size_t i = 0;
  for (const auto& r : records) {
    sailsim_txn t{};
    t.seq = r.seq;
    t.addr = r.addr;
    t.bytes = r.bytes;
    t.addr_cycle = r.addr_cycle;
    t.last_cycle = r.last_cycle;
    t.id = r.id;
    t.master = r.master;
    t.beats = r.beats;
    t.dir = r.dir == sailsim::axi4::Dir::Write ? SAILSIM_TXN_WRITE : SAILSIM_TXN_READ;
    t.size = r.axsize;
    t.burst = static_cast<uint8_t>(r.burst);
    t.resp = static_cast<uint8_t>(r.resp);
    t.lock = r.lock ? 1 : 0;
    out[i++] = t;
  }
  return i;
}

}  // namespace

extern "C" {

sailsim_card* sailsim_open(const char* config_path) {
  try {
    sailsim::shim::DeviceConfig config;
    if (config_path != nullptr) config = sailsim::shim::load_config(config_path);
    return new sailsim_card(std::move(config));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sailsim_open: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "sailsim_open: unknown error\n");
  }
  return nullptr;
}

int sailsim_ioctl(sailsim_card* card, unsigned long request, void* arg) {
  if (card == nullptr) return -ENODEV;
  try {
    return card->device.ioctl(request, arg);
  } catch (...) {
    return -EIO;
  }
}

void sailsim_close(sailsim_card* card) {
  try {
    delete card;
  } catch (...) {
  }
}

size_t sailsim_snapshot(sailsim_card* card, uint64_t first, uint64_t last, sailsim_line* out, size_t max) {
  if (card == nullptr) return 0;
  try {
    const auto snap = card->device.card().ddr().snapshot(first, last);
    size_t i = 0;
    for (const auto& [addr, line] : snap) {
      if (i >= max || out == nullptr) break;
      out[i].addr = addr;
      std::memcpy(out[i].data, line.data(), sizeof out[i].data);
      ++i;
    }
    return snap.size();
  } catch (...) {
    return 0;
  }
}

size_t sailsim_last_n_transactions(sailsim_card* card, size_t n, sailsim_txn* out) {
  if (card == nullptr || out == nullptr) return 0;
  try {
    return copy_log(card->device.card().ddr().last_n_transactions(n), out);
  } catch (...) {
    return 0;
  }
}

size_t sailsim_last_n_host_transactions(sailsim_card* card, size_t n, sailsim_txn* out) {
  if (card == nullptr || out == nullptr) return 0;
  try {
    return copy_log(card->device.card().host_port().log.last_n_transactions(n), out);
  } catch (...) {
    return 0;
  }
}

uint64_t sailsim_cycle(sailsim_card* card) { return card ? card->device.card().cycle() : 0; }

const char* sailsim_version(unsigned* major, unsigned* minor, unsigned* patch) {
  if (major) *major = SAILSIM_VERSION_MAJOR;
  if (minor) *minor = SAILSIM_VERSION_MINOR;
  if (patch) *patch = SAILSIM_VERSION_PATCH;
  return SAILSIM_VERSION_STRING;
}

}  // extern "C"
