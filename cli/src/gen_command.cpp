#include "gen_command.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <ostream>
#include <vector>

#include "sailsim/cli/exit_codes.hpp"
#include "sailsim/replay/output_file.hpp"

namespace sailsim::cli {

namespace {

bool all_digits(const std::string& v) {
  return !v.empty() && v.size() <= 19 && v.find_first_not_of("0123456789") == std::string::npos;
}

// K values are whole Q4_K blocks, and the engine holds at most 128 of them per row.
const CLI::Validator kBlocksOfK(
    [](std::string& v) -> std::string {
      if (all_digits(v)) {
        const unsigned long long k = std::stoull(v);
        if (k >= 256 && k <= 32768 && k % 256 == 0) return "";
      }
      return "expected a multiple of 256 from 256 to 32768, got " + v;
    },
    "K");

// A seed is a plain decimal integer below 10^19 (CLI11 alone would wrap -1 to 2^64 - 1).
const CLI::Validator kSeed(
    [](std::string& v) -> std::string {
      return all_digits(v) ? "" : "expected a decimal integer from 0 to 9999999999999999999, got " + v;
    },
    "SEED");

// A chance: a finite number in [0, 1] (CLI::Range lets NaN through).
const CLI::Validator kChance(
    [](std::string& v) -> std::string {
      try {
        size_t used = 0;
        const double p = std::stod(v, &used);
        if (used == v.size() && p >= 0.0 && p <= 1.0) return "";
      } catch (const std::exception&) {
      }
      return "expected a number from 0 to 1, got " + v;
    },
    "P");

template <typename E>
E pick(const std::string& v, std::initializer_list<std::pair<const char*, E>> table) {
  for (const auto& [name, e] : table)
    if (v == name) return e;
  return table.begin()->second;  // unreachable: CLI11 checked the value
}

}  // namespace

CLI::App* add_gen_command(CLI::App& app, GenOptions& o) {
  CLI::App* cmd = app.add_subcommand("gen", "write a constrained-random self-checking sequence (docs/gen.md)");
  cmd->add_option("kind", o.kind, "matmul | errors | queue | driver | traffic")->required()
      ->check(CLI::IsMember({"matmul", "errors", "queue", "driver", "traffic"}));
  cmd->add_option("--seed", o.seed, "the generator's seed (also the sequence's config.seed)")->required()->check(kSeed);
  cmd->add_option("-o,--out", o.out, "the sequence file to write")->required();
  cmd->add_option("--jobs", o.jobs, "matmul, driver: jobs in the file")->check(CLI::Range(1u, 64u))->capture_default_str();
  cmd->add_option("--max-m", o.shape.max_m, "M in [1, max-m]")->check(CLI::Range(1u, 1024u))->capture_default_str();
  cmd->add_option("--max-n", o.shape.max_n, "N in [1, max-n]")->check(CLI::Range(1u, 1024u))->capture_default_str();
  cmd->add_option("--max-k", o.shape.max_k, "K in [256, max-k], a multiple of 256")->check(kBlocksOfK)->capture_default_str();
  cmd->add_option("--common-k", o.shape.common_k, "K above this only for long-row jobs")->check(kBlocksOfK)->capture_default_str();
  cmd->add_option("--long-rows", o.shape.long_rows, "chance of a long-row job (K above common-k)")
      ->check(kChance)->capture_default_str();
  cmd->add_option("--edge-operands", o.shape.edge_operands,
                  "chance that a small job's A, and apart its B, are edge-pattern blocks (docs/gen.md)")
      ->check(kChance)->capture_default_str();
  cmd->add_option("--order", o.order, "generic | fused | both")->check(CLI::IsMember({"generic", "fused", "both"}))->capture_default_str();
  cmd->add_option("--strides", o.strides, "dense | padded | both")->check(CLI::IsMember({"dense", "padded", "both"}))->capture_default_str();
  cmd->add_option("--path", o.path, "driver (ioctl) | regs (registers, command queue) | both")
      ->check(CLI::IsMember({"driver", "regs", "both"}))->capture_default_str();
  cmd->add_option("--target", o.target, "errors: a | b | out | any")->check(CLI::IsMember({"a", "b", "out", "any"}))->capture_default_str();
  cmd->add_option("--resp", o.resp, "errors: slverr | decerr | both")->check(CLI::IsMember({"slverr", "decerr", "both"}))->capture_default_str();
  cmd->add_option("--max-rejects", o.max_rejects, "queue: refused descriptors, 0 to this")->check(CLI::Range(0u, 16u))->capture_default_str();
  cmd->add_option("--poll", o.poll, "queue: chance that the registers path polls JOBS_DONE instead of waiting")
      ->check(kChance)->capture_default_str();
  cmd->add_option("--full", o.full, "queue: chance that the queue is filled and one more descriptor bounces")
      ->check(kChance)->capture_default_str();
  cmd->add_option("--errnos", o.errnos, "driver: chance of each failing call after a job")->check(kChance)->capture_default_str();
  cmd->add_option("--f32", o.f32, "driver: chance that a small job's B goes to WORK_SUBMIT as f32 activations (b_f32)")
      ->check(kChance)->capture_default_str();
  cmd->add_option("--bursts", o.bursts, "traffic: host transactions")->check(CLI::Range(1u, 4096u))->capture_default_str();
  cmd->add_option("--overlap", o.overlap, "traffic: chance that a page's last transaction is not waited for (wait: false)")
      ->check(kChance)->capture_default_str();
  cmd->add_option("--pages", o.pages, "traffic: 4 KiB DDR pages the transactions use (with --overlap, up to this many outstanding)")
      ->check(CLI::Range(1u, 16u))->capture_default_str();
  cmd->add_option("--empty-beats", o.empty_beats, "traffic: chance that a write beat has no strobe at all (WSTRB = 0)")
      ->check(kChance)->capture_default_str();
  cmd->add_option("--timing", o.timing, "fixed (the defaults) | random (DDR latency ranges, ready, reordering, host ready)")
      ->check(CLI::IsMember({"fixed", "random"}))->capture_default_str();
  // A knob of another kind would be silently ignored (and missing from the header's
  // command): refuse it instead.
  cmd->callback([cmd, &o] {
    const std::pair<const char*, std::vector<std::string>> owners[] = {
        {"--jobs", {"matmul", "driver"}},  {"--path", {"matmul", "errors", "queue", "traffic"}}, {"--target", {"errors"}},
        {"--resp", {"errors"}},            {"--max-rejects", {"queue"}},              {"--full", {"queue"}},
        {"--poll", {"queue"}},
        {"--errnos", {"driver"}},          {"--f32", {"driver"}},          {"--bursts", {"traffic"}},
        {"--overlap", {"traffic"}},        {"--pages", {"traffic"}},        {"--empty-beats", {"traffic"}},
    };
    for (const auto& [name, kinds] : owners) {
      if (cmd->count(name) == 0 || std::find(kinds.begin(), kinds.end(), o.kind) != kinds.end()) continue;
      std::string list;
      for (const std::string& k : kinds) list += (list.empty() ? "" : ", ") + k;
      throw CLI::ValidationError(name, "not a knob of " + o.kind + " (only of " + list + ")");
    }
  });
  return cmd;
}

int run_gen(const GenOptions& o, std::ostream& out, std::ostream& err) {
  gen::ShapeKnobs shape = o.shape;
  shape.order = pick<gen::OrderKnob>(o.order, {{"generic", gen::OrderKnob::generic}, {"fused", gen::OrderKnob::fused}, {"both", gen::OrderKnob::both}});
  shape.strides = pick<gen::StrideKnob>(o.strides, {{"dense", gen::StrideKnob::dense}, {"padded", gen::StrideKnob::padded}, {"both", gen::StrideKnob::both}});
  const auto path = pick<gen::PathKnob>(o.path, {{"driver", gen::PathKnob::driver}, {"regs", gen::PathKnob::regs}, {"both", gen::PathKnob::both}});
  const auto timing = o.timing == "random" ? gen::TimingKnob::random : gen::TimingKnob::fixed;
  std::string text;
  if (o.kind == "matmul") {
    text = gen::generate_matmul(o.seed, {o.jobs, shape, path, timing});
  } else if (o.kind == "traffic") {
    text = gen::generate_traffic(o.seed, {o.bursts, shape, path, timing, o.overlap, o.pages, o.empty_beats});
  } else if (o.kind == "driver") {
    text = gen::generate_driver(o.seed, {o.jobs, shape, timing, o.errnos, o.f32});
  } else if (o.kind == "queue") {
    text = gen::generate_queue(o.seed, {shape, path, timing, o.max_rejects, o.full, o.poll});
  } else {
    gen::ErrorsKnobs k{shape, path, timing,
                       pick<gen::ErrorTarget>(o.target, {{"a", gen::ErrorTarget::a}, {"b", gen::ErrorTarget::b}, {"out", gen::ErrorTarget::out}, {"any", gen::ErrorTarget::any}}),
                       pick<gen::RespKnob>(o.resp, {{"slverr", gen::RespKnob::slverr}, {"decerr", gen::RespKnob::decerr}, {"both", gen::RespKnob::both}})};
    text = gen::generate_errors(o.seed, k);
  }
  const std::string problem = replay::output_problem(o.out);
  if (!problem.empty()) {
    err << "sailsim gen: cannot write -o " << o.out << ": " << problem << "\n";
    return kExitBadInput;
  }
  try {
    replay::write_output_file(o.out, text);
  } catch (const replay::OutputError& e) {
    err << "sailsim gen: " << e.what() << "\n";
    return kExitBadInput;
  }
  out << "sailsim gen: wrote " << o.out << " (" << o.kind << ", seed " << o.seed << ")\n";
  return kExitOk;
}

}  // namespace sailsim::cli
