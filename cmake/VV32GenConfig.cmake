# VV32GenConfig.cmake: find_package(VV32Gen) gives vv32gen_generate() (see VV32Gen.cmake)
# and VV32GEN_EXECUTABLE. Installed as <prefix>/lib/cmake/VV32Gen/; in a checkout of
# vv32gen, point VV32Gen_DIR at <checkout>/cmake.
include("${CMAKE_CURRENT_LIST_DIR}/VV32Gen.cmake")
set(VV32Gen_FOUND TRUE)
