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
