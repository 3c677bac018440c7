#pragma once

// The process entry point: argv -> CliArgs -> RunOptions -> mode -> report -> exit code.
namespace exl::app {

// Runs exlSchema with `argc`/`argv` and returns the process exit code (PRODUCT.md §2).
int run(int argc, char** argv);

} // namespace exl::app
