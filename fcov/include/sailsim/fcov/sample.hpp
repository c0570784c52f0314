// The samplers: what a run did, counted into the model's bins (model.cpp). They read only
// what happened: the ports' transaction records (the host's descriptor writes decoded as
// jobs), the ioctl results, the violations the checkers caught, the queue depth the card
// reached and the sequence's timing.
#pragma once

#include <span>
#include <string_view>

#include "sailsim/axi4/log.hpp"
#include "sailsim/fcov/counts.hpp"

namespace sailsim::fcov {

// The host port's records: shapes, lengths, strobes, responses, outstanding depth, and every
// write to the command queue (queue.submit; an accepted whole descriptor is a job: job.*).
void sample_host(Counts& counts, std::span<const axi4::TransactionRecord> records);

// The DDR port's records: responses and outstanding depth of every master; the engine's
// read lengths, write strobes and error responses (job.error AXI_*).
void sample_ddr(Counts& counts, std::span<const axi4::TransactionRecord> records);

// The command queue held `depth` descriptors (the card's queued_o); 0 counts nothing.
void sample_queue_depth(Counts& counts, unsigned depth);

// An ioctl's command and result ("0", "EINVAL", ...). A pair outside the model (an errno the
// shim cannot give through a sequence) counts nothing.
void sample_ioctl(Counts& counts, std::string_view cmd, std::string_view result);

// A protocol rule an illegal step broke and the checker caught.
void sample_violation(Counts& counts, std::string_view rule);

struct Timing {
  bool read_latency_range = false;   // min != max
  bool write_latency_range = false;
  bool ddr_ready_random = false;     // ready chance below 1
  bool reorder = false;
  bool host_ready_random = false;
  bool ddr_errors = false;           // error ranges configured
};
void sample_timing(Counts& counts, const Timing& timing);

}  // namespace sailsim::fcov
