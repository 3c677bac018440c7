#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

// `-o files` (issue #17): how far one unit (a partition, or a key range of one) has travelled
// through object storage, so that a re-run after a crash continues where the last run stopped
// instead of exporting again. Kept per copy (state::TableCopy) and unit name.
namespace exl::state {

enum class FileStage {
  Exported, // the source's INSERT INTO FILES finished; its objects are listed and counted
  Copied,   // (two locations) the objects were copied to the target's location and verified
  Loaded,   // the target's load committed under its label
};

const char* to_string(FileStage stage); // "exported", "copied", "loaded"
std::optional<FileStage> file_stage_from(const std::string& text);

struct FileUnit {
  std::string unit;       // the partition's name, `<partition>#range_<hash>` for a key range
  std::string run_id;     // the run whose export it is (its prefix holds the run id)
  std::string export_url; // s3://bucket/prefix/ the source wrote
  std::string load_url;   // s3://bucket/prefix/ the target reads (= export_url, one location)
  FileStage stage = FileStage::Exported;
  std::string format; // csv | parquet: an export in another format is never reused
  // The source partition as SHOW PARTITIONS showed it before the export: the export is reused
  // only while both are unchanged (a load or overwrite on the source changes one of them).
  std::optional<std::int64_t> source_id;
  std::optional<std::int64_t> source_version;
  std::int64_t objects = 0; // what the export wrote (checked again before a reuse)
  std::int64_t bytes = 0;
  std::string label; // the load's label once sent
  std::chrono::system_clock::time_point updated{};
  bool operator==(const FileUnit&) const = default;
};

} // namespace exl::state
