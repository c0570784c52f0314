# Helpers every sailsim target uses, so that flags live in one place.

# sailsim_warnings(<target>): the project's warning set. Verilated code is not passed here;
# it is generated and compiled with Verilator's own flags.
function(sailsim_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow)
  if(SAILSIM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# sailsim_strict_fp(<target>): IEEE-754 binary32 exactly as written in the source. Target
# options come after CMAKE_CXX_FLAGS on the command line, so these win over a user's
# -ffast-math or -ffp-contract=fast: no multiply-add is ever contracted where GGML's
# reference does not fuse, and no reassociation changes the order.
function(sailsim_strict_fp target)
  target_compile_options(${target} PRIVATE -ffp-contract=off -fno-fast-math)
endfunction()

# sailsim_library(<name> SOURCES ... [DEPS ...]): a static library with its public headers
# in include/ beside this CMakeLists, and an alias sailsim::<name>.
function(sailsim_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(sailsim_${name} STATIC ${ARG_SOURCES})
  add_library(sailsim::${name} ALIAS sailsim_${name})
  target_include_directories(sailsim_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(sailsim_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  set_target_properties(sailsim_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  sailsim_warnings(sailsim_${name})
endfunction()

# sailsim_regex_waiver(<target>): for targets that use <regex>. Under ASan, GCC 12's
# -Wmaybe-uninitialized gives false positives inside libstdc++'s regex compiler (its
# std::function moves); the normal build keeps the warning, as an error.
function(sailsim_regex_waiver target)
  if(SAILSIM_SANITIZE)
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  endif()
endfunction()

# sailsim_cli_flavour(<exe> MODEL <sail top model> [DEFINES ...] [SOURCES ...]): the sailsim command line
# linked with another Verilated Sail top (sailsim_sail_top_model), e.g. sailsim-x-random or
# a deliberately broken card for tests/regress. Before linking, the model's generated
# Vsail_top.h must equal the default's: sailsim::card was compiled against that one.
#
# OWN_CARD: the model's Vsail_top.h differs from the default's (the coverage flavour keeps
# some submodules as classes of their own), so the two files that use the class's layout
# (tb/card/src/sail_card.cpp, replay/src/runner.cpp) are compiled again against it, and
# their objects, linked before the libraries, stand in for the default ones.
function(sailsim_cli_flavour exe)
  cmake_parse_arguments(ARG "OWN_CARD" "MODEL" "DEFINES;SOURCES" ${ARGN})
  add_executable(${exe} ${PROJECT_SOURCE_DIR}/cli/src/main.cpp ${ARG_SOURCES})
  target_link_libraries(${exe} PRIVATE sailsim_cli)
  target_compile_definitions(${exe} PRIVATE SAILSIM_VERSION="${PROJECT_VERSION}" ${ARG_DEFINES})
  set_target_properties(${exe} PROPERTIES SAILSIM_SAIL_TOP_MODEL ${ARG_MODEL})
  sailsim_warnings(${exe})
  if(ARG_OWN_CARD)
    add_library(${exe}_card OBJECT ${PROJECT_SOURCE_DIR}/tb/card/src/sail_card.cpp
                                   ${PROJECT_SOURCE_DIR}/replay/src/runner.cpp)
    get_target_property(model_includes ${ARG_MODEL} INTERFACE_INCLUDE_DIRECTORIES)
    target_include_directories(${exe}_card SYSTEM BEFORE PRIVATE ${model_includes})
    target_include_directories(${exe}_card PRIVATE ${PROJECT_SOURCE_DIR}/replay/src
                                                   ${PROJECT_SOURCE_DIR}/driver-shim/include)
    target_compile_definitions(${exe}_card PRIVATE $<TARGET_PROPERTY:sailsim_replay,COMPILE_DEFINITIONS>)
    target_link_libraries(${exe}_card PRIVATE sailsim::replay sailsim::card)
    set_target_properties(${exe}_card PROPERTIES SAILSIM_SAIL_TOP_MODEL ${ARG_MODEL})
    add_dependencies(${exe}_card ${ARG_MODEL})
    sailsim_warnings(${exe}_card)
    target_sources(${exe} PRIVATE $<TARGET_OBJECTS:${exe}_card>)
    return()
  endif()
  get_target_property(default_dir sailsim_rtl_sail_top BINARY_DIR)
  get_target_property(model_dir ${ARG_MODEL} BINARY_DIR)
  add_custom_command(TARGET ${exe} PRE_LINK
    COMMAND ${CMAKE_COMMAND} -E compare_files
            ${default_dir}/CMakeFiles/sailsim_rtl_sail_top.dir/Vsail_top.dir/Vsail_top.h
            ${model_dir}/CMakeFiles/${ARG_MODEL}.dir/Vsail_top.dir/Vsail_top.h
    COMMENT "${exe}: ${ARG_MODEL} has the default Sail top's Vsail_top.h"
    VERBATIM)
endfunction()
