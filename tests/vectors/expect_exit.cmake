# cmake -DSAILSIM=<sailsim> -DSEQUENCE=<file.yaml> -DEXPECT=<code> -P expect_exit.cmake
# Replays one sequence and passes only when `sailsim replay` exits with exactly EXPECT.
execute_process(COMMAND ${SAILSIM} replay ${SEQUENCE}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT "${rc}" STREQUAL "${EXPECT}")
  message(FATAL_ERROR "${SEQUENCE}: sailsim replay exited with '${rc}', expected exactly ${EXPECT}")
endif()
message(STATUS "exit code ${rc} as expected")
