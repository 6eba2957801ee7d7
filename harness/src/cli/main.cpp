// The chancheck executable: the CLI over the bundled models.
#include <chancheck/cli.hpp>

int main(int argc, char** argv) { return chancheck::cli_main(argc, argv); }
