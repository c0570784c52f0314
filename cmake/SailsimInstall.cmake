# sailsim as an installable package (docs/install.md): `cmake --install` puts the libraries
# with their headers, the sailsim programs, libsailsim.so and the interposer, a copy of the
# pinned GGML oracle libraries, the bundled sequences and vector sets, and a CMake package:
# another project writes find_package(sailsim) and links sailsim::axi4_model, sailsim::tb,
# sailsim::replay, ... CPack makes a Debian package of the same files (cpack -G DEB).
# Included at the end of the top CMakeLists.txt, once every target exists.
include(CMakePackageConfigHelpers)

set(SAILSIM_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/sailsim)
set(SAILSIM_INSTALL_MODEL_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR}/sailsim/models/sail_top)

# The exported libraries, as sailsim::<name> (target sailsim_<name>). The set is closed: each
# one's link dependencies are in it or are found by sailsimConfig.cmake (Threads, yaml-cpp,
# OpenSSL, libdl).
set(SAILSIM_EXPORTED_LIBRARIES
  axi4_model tb card rtl_sail_top rtl_map ggml_ref ggml_oracle inputs vecset fcov shim_uapi shim_core replay
  replay_cli dut)

# sailsim_relocate_includes(<target> <installed include dir> <var>): the target's interface
# include folders that lie in this source or build tree hold for the build only
# ($<BUILD_INTERFACE:...>); the installed target uses <installed include dir>. System folders
# (Verilator's own) stay as they are. The build sees the same folders as before, so no
# compile line changes. The tree's folders are appended to <var> (the headers to install).
function(sailsim_relocate_includes target installed var)
  set(found ${${var}})
  foreach(property INTERFACE_INCLUDE_DIRECTORIES INTERFACE_SYSTEM_INCLUDE_DIRECTORIES)
    get_target_property(dirs ${target} ${property})
    if(NOT dirs)
      continue()
    endif()
    set(relocated)
    set(moved FALSE)
    foreach(dir IN LISTS dirs)
      # A plain prefix test: the tree's path may hold characters special to a regex.
      string(FIND "${dir}" "${PROJECT_SOURCE_DIR}/" at_source)
      string(FIND "${dir}" "${PROJECT_BINARY_DIR}/" at_binary)
      if(dir MATCHES "^\\$<" OR NOT (at_source EQUAL 0 OR at_binary EQUAL 0))
        list(APPEND relocated "${dir}")
      else()
        list(APPEND relocated "$<BUILD_INTERFACE:${dir}>")
        list(APPEND found "${dir}")
        set(moved TRUE)
      endif()
    endforeach()
    if(moved)
      list(APPEND relocated "$<INSTALL_INTERFACE:${installed}>")
    endif()
    set_property(TARGET ${target} PROPERTY ${property} "${relocated}")
  endforeach()
  list(REMOVE_DUPLICATES found)
  set(${var} ${found} PARENT_SCOPE)
endfunction()

set(header_dirs)
foreach(name IN LISTS SAILSIM_EXPORTED_LIBRARIES)
  set(target sailsim_${name})
  if(NOT TARGET ${target})
    message(FATAL_ERROR "SailsimInstall: no target ${target} to export")
  endif()
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name})
  # The headers are C++20: a consumer gets the standard with the target.
  target_compile_features(${target} INTERFACE cxx_std_20)
  if(name STREQUAL "rtl_sail_top")
    set(model_dirs)
    sailsim_relocate_includes(${target} ${SAILSIM_INSTALL_MODEL_INCLUDEDIR} model_dirs)
    # The generated Vsail_top*.h (Verilator's folder holds nothing else the headers need).
    foreach(dir IN LISTS model_dirs)
      install(DIRECTORY ${dir}/ DESTINATION ${SAILSIM_INSTALL_MODEL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")
    endforeach()
  else()
    sailsim_relocate_includes(${target} ${CMAKE_INSTALL_INCLUDEDIR} header_dirs)
  endif()
endforeach()

# The C ABI (sailsim.h, sailsim_version.h) as sailsim::shim: libsailsim.so.
set_target_properties(sailsim_shim PROPERTIES EXPORT_NAME shim)
sailsim_relocate_includes(sailsim_shim ${CMAKE_INSTALL_INCLUDEDIR} header_dirs)

foreach(dir IN LISTS header_dirs)
  install(DIRECTORY ${dir}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")
endforeach()

set(exported)
foreach(name IN LISTS SAILSIM_EXPORTED_LIBRARIES)
  list(APPEND exported sailsim_${name})
endforeach()
install(TARGETS ${exported} sailsim_shim EXPORT sailsimTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS sailsim_preload LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT sailsimTargets NAMESPACE sailsim:: DESTINATION ${SAILSIM_INSTALL_CMAKEDIR})

# The programs: sailsim, and its flavours where this build has them (not under SAILSIM_SANITIZE).
set(programs sailsim)
foreach(flavour sailsim-coverage sailsim-x-random)
  if(TARGET ${flavour})
    list(APPEND programs ${flavour})
  endif()
endforeach()
install(TARGETS ${programs} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# The GGML oracle's pinned libraries (ggml-ref/oracle/CMakeLists.txt: the installed programs
# look for them here, at a fixed place relative to themselves).
install(FILES
    ${SAILSIM_GGML_NPM_LIBDIR}/libggml-base.so
    ${SAILSIM_GGML_NPM_LIBDIR}/libggml-cpu-x64.so
    ${SAILSIM_GGML_NPM_LIBDIR}/libggml-cpu-haswell.so
    ${SAILSIM_GGML_NPM_LIBDIR}/_nlcBuildMetadata.json
  DESTINATION ${SAILSIM_INSTALL_GGMLDIR})

# sailsim_add_dut() and the script it runs at build time (dut/cmake): sailsimConfig.cmake includes it.
install(FILES ${PROJECT_SOURCE_DIR}/dut/cmake/SailsimDut.cmake ${PROJECT_SOURCE_DIR}/dut/cmake/sailsim_dut_glue.cmake
  DESTINATION ${SAILSIM_INSTALL_CMAKEDIR})

# The bundled sequences and vector sets, and the documentation.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/vectors/ DESTINATION ${CMAKE_INSTALL_DATADIR}/sailsim/vectors)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The package configuration: find_package(sailsim [version]) finds what the targets need.
# Semantic versioning: before 1.0 a minor version may break, so only the same minor matches.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(compatibility SameMinorVersion)
else()
  set(compatibility SameMajorVersion)
endif()
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/sailsimConfig.cmake.in
  ${PROJECT_BINARY_DIR}/sailsimConfig.cmake INSTALL_DESTINATION ${SAILSIM_INSTALL_CMAKEDIR}
  PATH_VARS CMAKE_INSTALL_BINDIR CMAKE_INSTALL_DATADIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/sailsimConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY ${compatibility})
install(FILES ${PROJECT_BINARY_DIR}/sailsimConfig.cmake ${PROJECT_BINARY_DIR}/sailsimConfigVersion.cmake
  DESTINATION ${SAILSIM_INSTALL_CMAKEDIR})

# The Debian package: `cpack -G DEB` in the build folder (scripts/package.sh). Depends: what
# the programs link (dpkg-shlibdeps) and what a project needs to build against the package.
set(CPACK_PACKAGE_NAME sailsim)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION "Verilated RTL of the Sail Q4_K accelerator card with AXI4 memory models, \
protocol checkers, a host BFM, YAML sequence replay, the Spanker driver shim and a bit-exact GGML reference.")
set(CPACK_PACKAGE_CONTACT "sailsim developers <sailsim@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# GGML's libraries find each other in their own folder.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${CMAKE_INSTALL_PREFIX}/${SAILSIM_INSTALL_GGMLDIR})
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "verilator (>= 5.006), g++ (>= 4:12), cmake (>= 3.25), libyaml-cpp-dev, libcli11-dev, libssl-dev, zlib1g-dev")
set(CPACK_STRIP_FILES ON)
# cpack packs what is built: it does not run the build again (scripts/package.sh builds first).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
include(CPack)
