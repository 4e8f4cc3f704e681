# VV32Gen.cmake: typed C vectors from a vv32gen spec, as a static library target.
#
#   find_package(VV32Gen REQUIRED)      # or include() this file
#   vv32gen_generate(TARGET <lib> SPEC <file> [OUTPUT_DIR <dir>] [NO_TESTS])
#   target_link_libraries(app PRIVATE <lib>)
#
# Creates the STATIC library <lib> from the generated valvec32_common.c and
# valvec32_<name>.c; whoever links <lib> gets the output directory as an include
# directory. The headers the spec's `includes` name (hook headers) are yours: add their
# directory with target_include_directories(<lib> PUBLIC ...).
#
#   SPEC        the spec; relative to CMAKE_CURRENT_SOURCE_DIR
#   OUTPUT_DIR  where the files go; relative to CMAKE_CURRENT_BINARY_DIR; default
#               ${CMAKE_CURRENT_BINARY_DIR}/vv32gen/<lib>, so the source tree stays
#               clean (the spec's own `output` is not used)
#   NO_TESTS    pass --no-tests: no Criterion suites
#
# Sets in the caller's scope: <lib>_VV32GEN_OUTPUT_DIR, <lib>_VV32GEN_SOURCES,
# <lib>_VV32GEN_HEADERS and <lib>_VV32GEN_TEST_SOURCES (the Criterion suites
# test_valvec32_<name>.c, not part of <lib>: build them with -DVV32_FAULT_INJECTION
# against their own copy of the sources, as vv32gen's Makefile does).
#
# The command: VV32GEN_EXECUTABLE (cache; run directly, or by VV32GEN_LUA when that is
# set). By default: the vv32gen this file came with (<prefix>/bin/vv32gen when
# installed, gen/vv32gen run by lua5.4 in a checkout), else vv32gen on PATH.
#
# Why a configure-time list. Which files come out depends on the spec, and CMake must
# know a library's sources when it generates the build system. So configure runs
# `vv32gen --list-outputs`, and the spec is a CMAKE_CONFIGURE_DEPENDS of the directory:
# editing the spec (a new type) makes the next build re-run cmake by itself, which lists
# the new files and adds them to <lib>. (The other way, one unity .c that #includes every
# generated .c, would need a file vv32gen does not write and would compile all types as
# one translation unit.) The spec cannot read other files (its sandbox has no io or
# require), so it is the only input of that list.
#
# Why a stamp. vv32gen rewrites a file only when its bytes change. The custom command's
# one OUTPUT is a stamp; the generated files are BYPRODUCTS. Ninja restats byproducts,
# and the Makefile generators give them no rule: either way an unchanged file keeps its
# mtime and what was compiled from it is not rebuilt, and a touched spec reruns vv32gen
# once (the stamp is then newer), not on every build. The command runs this file in
# script mode, which calls vv32gen with --depfile and rewrites that depfile to name the
# stamp as its target, so changed templates or generator modules rerun it too (DEPFILE).

if(CMAKE_VERSION VERSION_LESS 3.20)
  message(FATAL_ERROR "VV32Gen needs CMake 3.20 or later (add_custom_command DEPFILE)")
endif()

# ---- script mode: the custom command's body -----------------------------------------
# cmake -DVV32GEN_RUN=1 -DVV32GEN_LUA=... -DVV32GEN_EXECUTABLE=... -DVV32GEN_SPEC=...
#       -DVV32GEN_OUTPUT_DIR=... -DVV32GEN_NO_TESTS=0|1 -DVV32GEN_STAMP=...
#       -DVV32GEN_DEPFILE=... -P VV32Gen.cmake
if(VV32GEN_RUN)
  cmake_policy(VERSION 3.20)
  set(_command "${VV32GEN_EXECUTABLE}")
  if(VV32GEN_LUA)
    set(_command "${VV32GEN_LUA}" "${VV32GEN_EXECUTABLE}")
  endif()
  set(_flags -o "${VV32GEN_OUTPUT_DIR}")
  if(VV32GEN_NO_TESTS)
    list(APPEND _flags --no-tests)
  endif()
  set(_raw "${VV32GEN_DEPFILE}.raw")
  execute_process(
    COMMAND ${_command} ${_flags} --depfile "${_raw}" "${VV32GEN_SPEC}"
    RESULT_VARIABLE _rc)
  if(NOT _rc STREQUAL "0")
    file(REMOVE "${_raw}")
    message(FATAL_ERROR "vv32gen failed (${_rc}) on ${VV32GEN_SPEC}")
  endif()
  # The inputs: every word after the first ':' ("t: p..." or "t:" then "p:" lines).
  file(READ "${_raw}" _text)
  file(REMOVE "${_raw}")
  string(REPLACE "\\\n" " " _text "${_text}")
  string(ASCII 1 _space)   # stands for an escaped space ("\\ ") while splitting
  string(REPLACE "\\ " "${_space}" _text "${_text}")
  string(FIND "${_text}" ":" _colon)
  if(_colon LESS 0)
    message(FATAL_ERROR "vv32gen wrote a depfile without a rule: ${_raw}")
  endif()
  math(EXPR _colon "${_colon} + 1")
  string(SUBSTRING "${_text}" ${_colon} -1 _text)
  string(REGEX REPLACE "[ \t\r\n]+" ";" _words "${_text}")
  set(_inputs "")
  foreach(_word IN LISTS _words)
    string(REGEX REPLACE ":$" "" _word "${_word}")
    if(NOT _word STREQUAL "")
      list(APPEND _inputs "${_word}")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES _inputs)
  string(REPLACE ";" " " _inputs "${_inputs}")
  string(REPLACE "${_space}" "\\ " _inputs "${_inputs}")
  string(REPLACE " " "\\ " _stamp "${VV32GEN_STAMP}")
  file(WRITE "${VV32GEN_DEPFILE}" "${_stamp}: ${_inputs}\n")
  file(TOUCH "${VV32GEN_STAMP}")
  return()
endif()

# ---- the command ------------------------------------------------------------------

include_guard(GLOBAL)
# Our policies, not the includer's: vv32gen_generate runs with the ones recorded here.
cmake_policy(PUSH)
cmake_policy(VERSION 3.20...3.25)

set_property(GLOBAL PROPERTY VV32GEN_MODULE_FILE "${CMAKE_CURRENT_LIST_FILE}")

if(NOT VV32GEN_EXECUTABLE)
  get_filename_component(_vv32gen_here "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)
  if(EXISTS "${_vv32gen_here}/../gen/vv32gen")
    # A checkout: <repo>/cmake/VV32Gen.cmake beside <repo>/gen/vv32gen.
    get_filename_component(_vv32gen_exe "${_vv32gen_here}/../gen/vv32gen" ABSOLUTE)
    find_program(VV32GEN_LUA NAMES lua5.4 lua DOC "Lua 5.4 interpreter that runs vv32gen")
    if(NOT VV32GEN_LUA)
      message(FATAL_ERROR "VV32Gen: lua5.4 not found (set VV32GEN_LUA)")
    endif()
    set(VV32GEN_EXECUTABLE "${_vv32gen_exe}" CACHE FILEPATH "vv32gen command")
  elseif(EXISTS "${_vv32gen_here}/../../../bin/vv32gen")
    # Installed: <prefix>/lib/cmake/VV32Gen/VV32Gen.cmake and <prefix>/bin/vv32gen.
    get_filename_component(_vv32gen_exe "${_vv32gen_here}/../../../bin/vv32gen" ABSOLUTE)
    set(VV32GEN_EXECUTABLE "${_vv32gen_exe}" CACHE FILEPATH "vv32gen command")
  else()
    find_program(VV32GEN_EXECUTABLE vv32gen DOC "vv32gen command")
  endif()
  unset(_vv32gen_here)
  unset(_vv32gen_exe)
endif()
if(NOT VV32GEN_EXECUTABLE)
  message(FATAL_ERROR "VV32Gen: vv32gen not found (set VV32GEN_EXECUTABLE)")
endif()

function(vv32gen_generate)
  cmake_parse_arguments(PARSE_ARGV 0 arg "NO_TESTS" "TARGET;SPEC;OUTPUT_DIR" "")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "vv32gen_generate: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_TARGET OR NOT arg_SPEC)
    message(FATAL_ERROR "vv32gen_generate: TARGET and SPEC are required")
  endif()
  if(TARGET "${arg_TARGET}")
    message(FATAL_ERROR "vv32gen_generate: target ${arg_TARGET} already exists")
  endif()

  get_filename_component(spec "${arg_SPEC}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT EXISTS "${spec}")
    message(FATAL_ERROR "vv32gen_generate: no spec ${spec}")
  endif()
  if(NOT arg_OUTPUT_DIR)
    set(arg_OUTPUT_DIR "vv32gen/${arg_TARGET}")
  endif()
  get_filename_component(out "${arg_OUTPUT_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")

  set(command "${VV32GEN_EXECUTABLE}")
  if(VV32GEN_LUA)
    set(command "${VV32GEN_LUA}" "${VV32GEN_EXECUTABLE}")
  endif()
  set(flags -o "${out}")
  set(no_tests 0)
  if(arg_NO_TESTS)
    list(APPEND flags --no-tests)
    set(no_tests 1)
  endif()

  # Configure time: which files come out (see the top of this file).
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${spec}")
  execute_process(
    COMMAND ${command} --list-outputs ${flags} "${spec}"
    OUTPUT_VARIABLE listed ERROR_VARIABLE errors RESULT_VARIABLE rc)
  if(NOT rc STREQUAL "0")
    message(FATAL_ERROR "vv32gen --list-outputs ${spec} failed (${rc}):\n${errors}")
  endif()
  string(REGEX REPLACE "[\r\n]+" ";" listed "${listed}")
  set(outputs "")
  set(sources "")
  set(headers "")
  set(tests "")
  foreach(file IN LISTS listed)
    if(file STREQUAL "")
      continue()
    endif()
    get_filename_component(file "${file}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
    get_filename_component(name "${file}" NAME)
    if(name MATCHES "^test_.*\\.c$")
      list(APPEND tests "${file}")
    elseif(name MATCHES "\\.c$")
      list(APPEND sources "${file}")
    elseif(name MATCHES "\\.h$")
      list(APPEND headers "${file}")
    else()
      continue()
    endif()
    list(APPEND outputs "${file}")
  endforeach()
  if(NOT sources)
    message(FATAL_ERROR "vv32gen --list-outputs ${spec} listed no C sources")
  endif()

  get_property(module GLOBAL PROPERTY VV32GEN_MODULE_FILE)
  get_filename_component(spec_base "${spec}" NAME_WE)
  set(work "${CMAKE_CURRENT_BINARY_DIR}/CMakeFiles/${arg_TARGET}.vv32gen")
  set(stamp "${work}/${spec_base}.stamp")
  set(depfile "${work}/${spec_base}.d")
  file(MAKE_DIRECTORY "${work}")

  add_custom_command(
    OUTPUT "${stamp}"
    BYPRODUCTS ${outputs}
    COMMAND "${CMAKE_COMMAND}" -DVV32GEN_RUN=1
            "-DVV32GEN_LUA=${VV32GEN_LUA}" "-DVV32GEN_EXECUTABLE=${VV32GEN_EXECUTABLE}"
            "-DVV32GEN_SPEC=${spec}" "-DVV32GEN_OUTPUT_DIR=${out}"
            "-DVV32GEN_NO_TESTS=${no_tests}" "-DVV32GEN_STAMP=${stamp}"
            "-DVV32GEN_DEPFILE=${depfile}" -P "${module}"
    DEPENDS "${spec}" "${module}"
    DEPFILE "${depfile}"
    COMMENT "vv32gen ${arg_SPEC}"
    VERBATIM)

  add_library("${arg_TARGET}" STATIC ${sources} ${headers} "${stamp}")
  target_include_directories("${arg_TARGET}" PUBLIC "$<BUILD_INTERFACE:${out}>")

  set(${arg_TARGET}_VV32GEN_OUTPUT_DIR "${out}" PARENT_SCOPE)
  set(${arg_TARGET}_VV32GEN_SOURCES "${sources}" PARENT_SCOPE)
  set(${arg_TARGET}_VV32GEN_HEADERS "${headers}" PARENT_SCOPE)
  set(${arg_TARGET}_VV32GEN_TEST_SOURCES "${tests}" PARENT_SCOPE)
endfunction()

cmake_policy(POP)
