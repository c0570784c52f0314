# The glue of sailsim_add_dut (SailsimDut.cmake), run at build time as `cmake -P` once the
# DUT is Verilated: reads the Verilated header V<top>.h (its VL_IN / VL_OUT port list) and
# writes the program's main(): the clock and reset, a binding for every AXI4 port the header
# has (a prefix with the mandatory signals of contracts.md: awid .. rready), their ID widths
# and directions, and the ports the CMake call named. Everything wrong is an error here,
# at build time, naming the signal: a missing clock, a port without awvalid, a data width
# sailsim's models do not have, a role the directions contradict.
#
# -D inputs: HEADER, CLASS, NAME, TOP, CLOCK, RESET, RESET_ACTIVE_LOW (1/0), PORTS
# ("SLAVE|s_|MASTER|m_"), OUTPUT.
cmake_minimum_required(VERSION 3.25)

# One unwrapped line (CMake wraps a message's paragraphs unless they start with a space).
function(glue_error message)
  message(FATAL_ERROR " sailsim_add_dut(${NAME}): ${message}")
endfunction()

file(STRINGS "${HEADER}" lines REGEX "VL_(IN|OUT|INOUT)[0-9W]*\\(&")
set(signals)
foreach(line IN LISTS lines)
  if(line MATCHES "VL_(IN|OUT|INOUT)(8|16|64|W)?\\(&([A-Za-z_][A-Za-z0-9_]*),([0-9]+),([0-9]+)")
    set(name ${CMAKE_MATCH_3})
    math(EXPR width "${CMAKE_MATCH_4} - ${CMAKE_MATCH_5} + 1")
    set(dir_${name} ${CMAKE_MATCH_1})
    set(width_${name} ${width})
    list(APPEND signals ${name})
  endif()
endforeach()
if(NOT signals)
  glue_error("${HEADER} lists no ports (is it a Verilated model's header?)")
endif()

foreach(pin CLOCK RESET)
  set(signal ${${pin}})
  if(NOT DEFINED dir_${signal})
    string(REPLACE ";" ", " all "${signals}")
    string(TOLOWER ${pin} what)
    glue_error("the ${what} '${signal}' is not a port of ${TOP}: its ports are ${all}")
  endif()
  if(NOT dir_${signal} STREQUAL "IN" OR NOT width_${signal} EQUAL 1)
    string(TOLOWER ${pin} what)
    glue_error("the ${what} '${signal}' of ${TOP} must be a 1-bit input")
  endif()
endforeach()

# The signals of a port, with the width sailsim's models have (0: any, an ID) and whether
# the RTL slave drives it (OUT on a slave port).
set(mandatory
  awid:0:IN awaddr:A:IN awlen:8:IN awsize:3:IN awburst:2:IN awvalid:1:IN awready:1:OUT
  wdata:256:IN wstrb:32:IN wlast:1:IN wvalid:1:IN wready:1:OUT
  bid:0:OUT bresp:2:OUT bvalid:1:OUT bready:1:IN
  arid:0:IN araddr:A:IN arlen:8:IN arsize:3:IN arburst:2:IN arvalid:1:IN arready:1:OUT
  rid:0:OUT rdata:256:OUT rresp:2:OUT rlast:1:OUT rvalid:1:OUT rready:1:IN)
set(optional awlock:1:IN awcache:4:IN awprot:3:IN awqos:4:IN arlock:1:IN arcache:4:IN arprot:3:IN arqos:4:IN)

# check_port(<prefix> <out problems> <out role> <out id width> <out fixes>): empty problems when
# <prefix> is a whole AXI4 port; role SLAVE or MASTER (from awvalid); fixes: C++ lines giving
# narrower signals (an address under 48 bits) their real widths.
function(check_port prefix problems_var role_var id_var fixes_var)
  set(problems)
  set(fixes)
  if(NOT DEFINED dir_${prefix}awvalid)
    set(${problems_var} "${prefix}awvalid is not a port of ${TOP}" PARENT_SCOPE)
    return()
  endif()
  if(dir_${prefix}awvalid STREQUAL "IN")
    set(role SLAVE)
  else()
    set(role MASTER)
  endif()
  set(id_width ${width_${prefix}awid})
  foreach(entry IN LISTS mandatory optional)
    string(REPLACE ":" ";" entry "${entry}")
    list(GET entry 0 sig)
    list(GET entry 1 want)
    list(GET entry 2 slave_dir)
    set(name ${prefix}${sig})
    if(NOT DEFINED dir_${name})
      list(FIND optional "${sig}:${want}:${slave_dir}" is_optional)
      if(is_optional LESS 0)
        list(APPEND problems "${name} is missing")
      endif()
      continue()
    endif()
    set(dir ${dir_${name}})
    if(role STREQUAL "MASTER")
      if(slave_dir STREQUAL "IN")
        set(slave_dir OUT)
      else()
        set(slave_dir IN)
      endif()
    endif()
    if(NOT dir STREQUAL slave_dir)
      string(TOLOWER "${dir}put" is)
      string(TOLOWER "${slave_dir}put" should)
      list(APPEND problems "${name} is an ${is}, and a ${role} port's ${sig} is an ${should}")
    endif()
    set(width ${width_${name}})
    if(want STREQUAL "0")
      if(NOT width EQUAL id_width)
        list(APPEND problems "${name} is ${width} bits and ${prefix}awid ${id_width}: the IDs of a port have one width")
      endif()
    elseif(want STREQUAL "A")
      if(width GREATER 48)
        list(APPEND problems "${name} is ${width} bits: sailsim's models have 48-bit addresses")
      elseif(width LESS 48)
        list(APPEND fixes "    w.${sig} = w.${sig}.with_width(${width});")
      endif()
    elseif(NOT width EQUAL want)
      list(APPEND problems "${name} is ${width} bits: sailsim's models (MAST's AXI4 parameters, contracts.md) have ${want}")
    endif()
  endforeach()
  if(id_width GREATER 32)
    list(APPEND problems "${prefix}awid is ${id_width} bits: sailsim's models take IDs of up to 32 bits")
  endif()
  string(REPLACE ";" "; " problems "${problems}")
  set(${problems_var} "${problems}" PARENT_SCOPE)
  set(${role_var} ${role} PARENT_SCOPE)
  set(${id_var} ${id_width} PARENT_SCOPE)
  set(${fixes_var} "${fixes}" PARENT_SCOPE)
endfunction()

# cpp_role_of(SLAVE|MASTER <out>): the tb::PortRole of a role.
function(cpp_role_of role out)
  if(role STREQUAL "SLAVE")
    set(${out} RtlSlave PARENT_SCOPE)
  else()
    set(${out} RtlMaster PARENT_SCOPE)
  endif()
endfunction()

# Every port of the header, by its awvalid.
set(candidates)
foreach(signal IN LISTS signals)
  if(signal MATCHES "^(.*)awvalid$")
    list(APPEND candidates "${CMAKE_MATCH_1}")
  endif()
endforeach()

# The ports the call named must be whole ports with the role it says.
string(REPLACE "|" ";" PORTS "${PORTS}")
list(LENGTH PORTS n)
set(named)
set(bindings)
if(n GREATER 0)
  math(EXPR last "${n} - 1")
  foreach(i RANGE 0 ${last} 2)
    math(EXPR j "${i} + 1")
    list(GET PORTS ${i} role)
    list(GET PORTS ${j} prefix)
    if(NOT prefix IN_LIST candidates)
      string(REPLACE ";" ", " found "${candidates}")
      if(NOT found)
        set(found "none")
      endif()
      glue_error("${role} ${prefix}: ${prefix}awvalid is not a port of ${TOP} (the AXI4 ports its header has: ${found})")
    endif()
    check_port(${prefix} problems found_role id_width fixes)
    if(problems)
      glue_error("${role} ${prefix}: ${problems}")
    endif()
    if(NOT found_role STREQUAL role)
      string(TOLOWER "${dir_${prefix}awvalid}put" is)
      glue_error("${role} ${prefix}: ${prefix}awvalid is an ${is} of ${TOP}, so ${prefix} is a ${found_role} port")
    endif()
    cpp_role_of(${role} cpp_role)
    string(APPEND bindings "      {\"${prefix}\", sailsim::tb::PortRole::${cpp_role}},\n")
  endforeach()
endif()

# The bindings of every whole port: runtime binding (a ports file) may pick any of them.
set(binders "")
set(port_table "")
set(skipped "")
foreach(prefix IN LISTS candidates)
  check_port(${prefix} problems role id_width fixes)
  if(problems)
    string(APPEND skipped "// Not an AXI4 port sailsim binds: ${prefix} (${problems}).\n")
    continue()
  endif()
  cpp_role_of(${role} cpp_role)
  string(REPLACE ";" "\n" fixes "${fixes}")
  if(fixes)
    set(fixes "${fixes}\n")
  endif()
  string(APPEND binders "  if (prefix == \"${prefix}\") {\n    sailsim::tb::AxiPortWires w = SAILSIM_AXI_PORT_AS(&top, ${prefix}, sailsim::tb::PortRole::${cpp_role});\n${fixes}    return w.id_width(${id_width});\n  }\n")
  string(APPEND port_table "      {\"${prefix}\", sailsim::tb::PortRole::${cpp_role}, ${id_width}},\n")
endforeach()

if(RESET_ACTIVE_LOW)
  set(active_low true)
  set(polarity "active low")
else()
  set(active_low false)
  set(polarity "active high")
endif()

set(text "// Generated by sailsim_add_dut(${NAME}) from ${CLASS}.h: do not edit (SailsimDut.cmake).
#include <stdexcept>
#include <string>

#include \"${CLASS}.h\"
#include \"sailsim/dut/program.hpp\"
#include \"sailsim/tb/simulation.hpp\"

${skipped}
namespace {

SAILSIM_CLOCK_RESET(DutClockReset, ${CLOCK}, ${RESET}, ${active_low});

sailsim::tb::AxiPortWires wires_of(${CLASS}& top, const std::string& prefix) {
  (void)top;  // a design without a whole AXI4 port uses no member of it
${binders}  throw std::invalid_argument(\"no AXI4 port \" + prefix);
}

}  // namespace

int main(int argc, char** argv) {
  sailsim::dut::Design design;
  design.name = \"${NAME}\";
  design.top = \"${TOP}\";
  design.clock_reset = \"clock ${CLOCK}, reset ${RESET} (${polarity})\";
  design.ports = {
${port_table}  };
  design.bindings = {
${bindings}  };
  design.make = sailsim::dut::instance_maker<${CLASS}, DutClockReset>(&wires_of);
  return sailsim::dut::program_main(argc, argv, design);
}
")
# Written only when it changes, so that an unchanged DUT does not recompile its program.
file(WRITE "${OUTPUT}.tmp" "${text}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")
file(REMOVE "${OUTPUT}.tmp")
