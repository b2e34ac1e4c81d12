// main() of the test binaries: gtest's, after giving the process the parser
// server of extract/isolation.h (the test binary itself, started with
// kParserServerArg), so isolated parses run as in the leakgraph binary.
#include <gtest/gtest.h>

#include <string_view>

#include "extract/isolation.h"

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == leakgraph::extract::kParserServerArg)
    return leakgraph::extract::RunParserServer();
  leakgraph::extract::EnableParserServer();
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
