# sailsim_add_dut: bring your own RTL (docs/bring-your-own-rtl.md). One call Verilates a design
# and builds a program that runs sailsim sequences against it:
#
#   sailsim_add_dut(<name>
#     TOP <module> SOURCES <file>...          # in compile order (a parameters file first)
#     CLOCK <clk> RESET <rst> [RESET_ACTIVE_HIGH]   # any names; the reset is active low by default
#     [SLAVE <prefix>...] [MASTER <prefix>...]      # the AXI4 ports to bind, by prefix, with their role
#     [INCLUDE_DIRS <dir>...] [DEFINES <NAME[=VALUE]>...] [PARAMETERS <NAME=VALUE>...]
#     [PREFIX <class>] [NO_TRACE] [VERILATOR_ARGS <arg>...])
#
# SLAVE: an AXI4 slave port of the RTL, driven by sailsim's host BFM; MASTER: a master port of
# the RTL, answered by a memory model. With neither, the ports are chosen at run time (--ports). Every port gets a protocol checker and a transaction log,
# and the watchdog watches them all. The program (`<name> replay SEQ.yaml`, `<name> ports`) can
# also bind any AXI4 port of the top at run time (`--ports FILE`). The ports' signals, widths and
# directions are checked at build time against the Verilated header, each error naming the signal.
# Also defines the library <name>_model (the Verilated design, class V<top> or PREFIX: the
# program links sailsim's own Sail top as Vsail_top, so a design named sail_top needs another).
include_guard(GLOBAL)
set(SAILSIM_DUT_GLUE_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/sailsim_dut_glue.cmake)

function(sailsim_add_dut name)
  cmake_parse_arguments(ARG "RESET_ACTIVE_HIGH;NO_TRACE" "TOP;CLOCK;RESET;PREFIX"
    "SOURCES;SLAVE;MASTER;INCLUDE_DIRS;DEFINES;PARAMETERS;VERILATOR_ARGS" ${ARGN})
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "sailsim_add_dut(${name}): unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  foreach(required TOP SOURCES CLOCK RESET)
    if(NOT ARG_${required})
      message(FATAL_ERROR "sailsim_add_dut(${name}): ${required} is required")
    endif()
  endforeach()
  if(NOT COMMAND verilate)
    message(FATAL_ERROR "sailsim_add_dut(${name}): verilate() is missing: find_package(verilator) (find_package(sailsim) does it)")
  endif()

  set(args --x-assign fast --x-initial fast)
  foreach(define IN LISTS ARG_DEFINES)
    list(APPEND args +define+${define})
  endforeach()
  foreach(parameter IN LISTS ARG_PARAMETERS)
    if(NOT parameter MATCHES "^[A-Za-z_][A-Za-z0-9_]*=.+$")
      message(FATAL_ERROR "sailsim_add_dut(${name}): PARAMETERS ${parameter}: expected NAME=VALUE")
    endif()
    list(APPEND args -G${parameter})
  endforeach()
  list(APPEND args ${ARG_VERILATOR_ARGS})
  set(trace TRACE_FST)
  if(ARG_NO_TRACE)
    set(trace)
  endif()

  set(model ${name}_model)
  set(class V${ARG_TOP})
  if(ARG_PREFIX)
    set(class ${ARG_PREFIX})
  endif()
  set(vdir ${CMAKE_CURRENT_BINARY_DIR}/${name}_verilated)
  add_library(${model} STATIC)
  verilate(${model} ${trace} TOP_MODULE ${ARG_TOP} PREFIX ${class} DIRECTORY ${vdir}
    SOURCES ${ARG_SOURCES} INCLUDE_DIRS ${ARG_INCLUDE_DIRS} VERILATOR_ARGS ${args} OPT_FAST -O2)
  # Verilator's runtime (verilated.cpp, verilated_threads.cpp, verilated_fst_c.cpp) comes once,
  # with sailsim's Verilated Sail top, which every program of sailsim::dut links: a second copy,
  # compiled with other flags, collides with it at link time.
  get_target_property(sources ${model} SOURCES)
  set(kept)
  foreach(source IN LISTS sources)
    string(FIND "${source}" "${VERILATOR_ROOT}/include/" at)
    if(NOT at EQUAL 0)
      list(APPEND kept "${source}")
    endif()
  endforeach()
  set_property(TARGET ${model} PROPERTY SOURCES ${kept})
  target_link_libraries(${model} PUBLIC sailsim::rtl_sail_top Threads::Threads)
  target_compile_options(${model} PRIVATE -g0)
  if(SAILSIM_SANITIZE AND NOT ARG_NO_TRACE)
    # sailsim's own sanitizer build: Verilator's trace code packs 64-bit values at 4-byte
    # alignment on purpose (as for sailsim's models, rtl/CMakeLists.txt).
    target_compile_options(${model} PRIVATE -fno-sanitize=alignment)
  endif()
  # Verilator's headers and the generated ones are not the user's: system headers.
  set_property(TARGET ${model} APPEND PROPERTY INTERFACE_SYSTEM_INCLUDE_DIRECTORIES ${vdir})

  set(ports)
  foreach(prefix IN LISTS ARG_SLAVE)
    list(APPEND ports SLAVE ${prefix})
  endforeach()
  foreach(prefix IN LISTS ARG_MASTER)
    list(APPEND ports MASTER ${prefix})
  endforeach()
  string(REPLACE ";" "|" ports "${ports}")
  if(ARG_RESET_ACTIVE_HIGH)
    set(active_low 0)
  else()
    set(active_low 1)
  endif()
  set(glue ${CMAKE_CURRENT_BINARY_DIR}/${name}_main.cpp)
  add_custom_command(OUTPUT ${glue}
    COMMAND ${CMAKE_COMMAND} -DHEADER=${vdir}/${class}.h -DCLASS=${class} -DNAME=${name} -DTOP=${ARG_TOP}
            -DCLOCK=${ARG_CLOCK} -DRESET=${ARG_RESET} -DRESET_ACTIVE_LOW=${active_low} "-DPORTS=${ports}"
            -DOUTPUT=${glue} -P ${SAILSIM_DUT_GLUE_SCRIPT}
    DEPENDS ${model} ${SAILSIM_DUT_GLUE_SCRIPT}
    COMMENT "sailsim_add_dut(${name}): binding the ports of ${class}.h"
    VERBATIM)
  add_executable(${name} ${glue})
  target_link_libraries(${name} PRIVATE sailsim::dut ${model})
  target_compile_features(${name} PRIVATE cxx_std_20)
endfunction()
