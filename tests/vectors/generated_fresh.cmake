# cmake -DRUNNER=<sh|python3> [-DRUNNER_ARG=<flag>] -DSCRIPT=<generator> -DCOMMITTED=<dir>
#       -DSCRATCH=<dir> -P generated_fresh.cmake
# Runs a generator of committed files (RUNNER [RUNNER_ARG] SCRIPT SCRATCH) into SCRATCH and
# requires the same set of *.yaml files, byte for byte, as COMMITTED: generated goldens
# cannot drift from the generator that defines them.
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${SCRATCH})
execute_process(COMMAND ${RUNNER} ${RUNNER_ARG} ${SCRIPT} ${SCRATCH} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${SCRIPT} failed: ${rc}")
endif()
get_filename_component(runner_name ${RUNNER} NAME)
file(GLOB fresh RELATIVE ${SCRATCH} ${SCRATCH}/*.yaml)
file(GLOB committed RELATIVE ${COMMITTED} ${COMMITTED}/*.yaml)
list(SORT fresh)
list(SORT committed)
if(NOT "${fresh}" STREQUAL "${committed}")
  message(FATAL_ERROR "${SCRIPT} writes [${fresh}] but the folder holds [${committed}]: run ${runner_name} ${SCRIPT}")
endif()
foreach(f ${fresh})
  file(READ ${SCRATCH}/${f} a)
  file(READ ${COMMITTED}/${f} b)
  if(NOT a STREQUAL b)
    message(FATAL_ERROR "${COMMITTED}/${f} is not what ${SCRIPT} writes: run ${runner_name} ${SCRIPT}")
  endif()
endforeach()
message(STATUS "${COMMITTED}: every file is what ${SCRIPT} writes")
