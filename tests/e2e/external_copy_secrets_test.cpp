// The external tables of -o mysql and -o starrocks carry a cluster's password in their DDL (the
// source's for mysql, the target's for starrocks). It must appear nowhere exlSchema writes: the
// plan, the console, the log file, the JSON report, the history (its SQLite file and `history`),
// and the Feishu notifications (issue #12).
#include "e2e/external_copy_support.hpp"

#include "support/http_receiver.hpp"
#include "support/temp_dir.hpp"

namespace exl::test::e2e {
namespace {

class ExternalCopySecretsTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ExternalCopySecretsTest, NoPasswordInThePlanLogsReportHistoryOrNotifications) {
  const std::string mode = GetParam();
  const std::string db = fresh_database("secrets_" + mode);
  make_copy_tables(db);
  HttpReceiver hook(HttpReceiver::Mode::Record);
  config::test::TempDir dir;
  const std::string config = dir.write(
      "exl.yaml", read_file(config_path()) + "feishu:\n  webhook: " + hook.url("/hook") + "\n");
  const std::map<std::string, std::string> env{{"XDG_STATE_HOME", dir.path()}};
  std::string written;
  for (const bool execute : {false, true}) {
    const std::string tag = execute ? "run" : "plan";
    std::vector<std::string> args{"-config",
                                  config,
                                  "-source",
                                  "src",
                                  "-target",
                                  "dst",
                                  "-t",
                                  db + ".ranged",
                                  "-o",
                                  mode,
                                  "-i",
                                  "-json",
                                  dir.path() + "/" + tag + ".json",
                                  "-log",
                                  dir.path() + "/" + tag + ".log"};
    if (execute) {
      args.push_back("-r");
    }
    const ExlResult r = run_exl(args, env);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_TRUE(contains(r.out + read_file(dir.path() + "/" + tag + ".log"),
                         mode == "mysql" ? "ENGINE=MYSQL" : "ENGINE=OLAP"))
        << "the external table's DDL is shown (redacted)";
    written += r.out + r.err + read_file(dir.path() + "/" + tag + ".json") +
               read_file(dir.path() + "/" + tag + ".log");
  }
  ASSERT_TRUE(hook.wait_for_requests(2, std::chrono::seconds(10)));
  for (const auto& request : hook.requests()) {
    written += request.body;
  }
  const ExlResult history = run_exl({"-config", config, "history", "-t", db + ".*"}, env);
  written += history.out + history.err;
  written += read_file(dir.path() + "/exlSchema/state.db");
  EXPECT_FALSE(read_file(dir.path() + "/exlSchema/state.db").empty()) << "the history was written";
  for (const char* prefix : {"SRC", "DST"}) {
    EXPECT_FALSE(contains(written, cluster(prefix).password)) << prefix << " password leaked";
  }
}

INSTANTIATE_TEST_SUITE_P(Modes, ExternalCopySecretsTest, ::testing::Values("mysql", "starrocks"));

} // namespace
} // namespace exl::test::e2e
