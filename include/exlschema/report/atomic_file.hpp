#pragma once

#include <string>
#include <string_view>

// The one way exlSchema replaces an output file that another program may read at any moment (the
// -json report, the -metrics file node_exporter scrapes, history -json).
namespace exl::report {

// Replaces `path` with `text`: written to a new `PATH.tmp.<pid>.<n>` in the same directory
// (O_EXCL, so never another process's file and never through a symlink), flushed to disk with
// fsync, then renamed over `path`, and the directory flushed. A reader sees the previous file or
// the new one, whole, never half of one; a failure leaves the previous file as it was and no
// temporary file behind. `what` names the output in the error ("the -metrics file").
// Throws exl::FatalError ("exlSchema: cannot write <what> <path>: cannot create <temporary>:
// <reason>") when it cannot.
void write_file_atomically(const std::string& path, std::string_view text, std::string_view what);

} // namespace exl::report
