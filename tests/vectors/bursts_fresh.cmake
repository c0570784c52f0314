# cmake -DPYTHON=python3 -DSCRIPT=make_bursts.py -DCOMMITTED=<dir> -DSCRATCH=<dir> -P bursts_fresh.cmake
# Runs the burst generator into SCRATCH and requires the same set of files, byte for byte,
# as COMMITTED: the burst goldens cannot drift from the generator that defines them.
file(REMOVE_RECURSE ${SCRATCH})
file(MAKE_DIRECTORY ${SCRATCH})
execute_process(COMMAND ${PYTHON} -B ${SCRIPT} ${SCRATCH} RESULT_VARIABLE rc)  # -B: nothing written beside the script
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${SCRIPT} failed: ${rc}")
endif()
file(GLOB fresh RELATIVE ${SCRATCH} ${SCRATCH}/*.yaml)
file(GLOB committed RELATIVE ${COMMITTED} ${COMMITTED}/*.yaml)
list(SORT fresh)
list(SORT committed)
if(NOT "${fresh}" STREQUAL "${committed}")
  message(FATAL_ERROR "${SCRIPT} writes [${fresh}] but the folder holds [${committed}]: run python3 ${SCRIPT}")
endif()
foreach(f ${fresh})
  file(READ ${SCRATCH}/${f} a)
  file(READ ${COMMITTED}/${f} b)
  if(NOT a STREQUAL b)
    message(FATAL_ERROR "${COMMITTED}/${f} is not what ${SCRIPT} writes: run python3 ${SCRIPT}")
  endif()
endforeach()
message(STATUS "${COMMITTED}: every file is what ${SCRIPT} writes")
