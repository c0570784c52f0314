#include "sailsim/axi4/params.hpp"

namespace sailsim::axi4 {

std::string_view to_string(Burst burst) {
  switch (burst) {
    case Burst::Fixed: return "FIXED";
    case Burst::Incr: return "INCR";
    case Burst::Wrap: return "WRAP";
    case Burst::Reserved: return "RESERVED";
  }
  return "RESERVED";
}

std::string_view to_string(Resp resp) {
  switch (resp) {
    case Resp::Okay: return "OKAY";
    case Resp::ExOkay: return "EXOKAY";
    case Resp::SlvErr: return "SLVERR";
    case Resp::DecErr: return "DECERR";
  }
  return "DECERR";
}

std::string_view to_string(Dir dir) { return dir == Dir::Read ? "read" : "write"; }

std::optional<Burst> parse_burst(std::string_view name) {
  if (name == "FIXED") return Burst::Fixed;
  if (name == "INCR") return Burst::Incr;
  if (name == "WRAP") return Burst::Wrap;
  // The inverse of to_string: a log or a sequence names code 3 (illegal on the bus, but
  // it must reach the bus as 3 for the checker's BURST_RESERVED).
  if (name == "RESERVED") return Burst::Reserved;
  return std::nullopt;
}

std::optional<Resp> parse_resp(std::string_view name) {
  if (name == "OKAY") return Resp::Okay;
  if (name == "EXOKAY") return Resp::ExOkay;
  if (name == "SLVERR") return Resp::SlvErr;
  if (name == "DECERR") return Resp::DecErr;
  return std::nullopt;
}

std::optional<Dir> parse_dir(std::string_view name) {
  if (name == "read") return Dir::Read;
  if (name == "write") return Dir::Write;
  return std::nullopt;
}

}  // namespace sailsim::axi4
