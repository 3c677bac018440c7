#include "exlschema/config/password_cipher.hpp"
#include "exlschema/scs/sync_properties.hpp"

#include <gtest/gtest.h>

#include <map>

namespace {

using exl::scs::SyncSettings;

SyncSettings scs_settings_sample() {
  SyncSettings s;
  s.source = {"10.0.0.1", 9030, "migrator", "src-pass"};
  s.target = {"10.0.0.2", 19030, "root", "dst-pass"};
  s.include = {"db1", "db2.t1"};
  s.exclude = {"db1.tmp"};
  return s;
}

std::map<std::string, std::string> scs_as_map(const exl::scs::Properties& p) {
  return {p.begin(), p.end()};
}

} // namespace

// Every key of the docs' file is written, the run's values where the run decides them.
TEST(SyncPropertiesTest, WritesTheRunsValuesAndTheDocsDefaults) {
  SyncSettings s = scs_settings_sample();
  s.one_time = true;
  s.replication_num = 1;
  s.max_disk_used_percent = 85;
  s.report_interval_s = 60;
  const auto m = scs_as_map(exl::scs::sync_properties(s));
  EXPECT_EQ(m.at("one_time_run_mode"), "true");
  EXPECT_EQ(m.at("source_fe_host"), "10.0.0.1");
  EXPECT_EQ(m.at("target_fe_query_port"), "19030");
  EXPECT_EQ(m.at("source_cluster_password"), "src-pass");
  EXPECT_EQ(m.at("source_cluster_password_secret_key"), "");
  EXPECT_EQ(m.at("include_data_list"), "db1,db2.t1");
  EXPECT_EQ(m.at("exclude_data_list"), "db1.tmp");
  EXPECT_EQ(m.at("target_cluster_replication_num"), "1");
  EXPECT_EQ(m.at("target_cluster_max_disk_used_percent"), "85");
  EXPECT_EQ(m.at("report_interval_seconds"), "60");
  EXPECT_EQ(m.at("meta_job_interval_seconds"), "180");
  EXPECT_EQ(m.at("replication_job_batch_size"), "10");
  EXPECT_EQ(m.size(), 29u); // every key of the docs' file
}

// scs's own defaults drop target tables and partitions; exlSchema's never do unless -recreate.
TEST(SyncPropertiesTest, NeverDropsTargetObjectsUnlessRecreate) {
  SyncSettings s = scs_settings_sample();
  auto m = scs_as_map(exl::scs::sync_properties(s));
  for (const char* key :
       {"ddl_job_allow_drop_target_only", "ddl_job_allow_drop_schema_change_table",
        "ddl_job_allow_drop_inconsistent_partition", "ddl_job_allow_drop_partition_target_only"}) {
    EXPECT_EQ(m.at(key), "false") << key;
  }
  s.allow_drops = true;
  m = scs_as_map(exl::scs::sync_properties(s));
  EXPECT_EQ(m.at("ddl_job_allow_drop_schema_change_table"), "true");
  EXPECT_EQ(m.at("ddl_job_allow_drop_partition_target_only"), "true");
  EXPECT_EQ(m.at("ddl_job_allow_drop_target_only"), "false"); // never: not part of the copy
}

// With a secret key the passwords are TO_BASE64(AES_ENCRYPT(pw, key)), which scs decrypts.
TEST(SyncPropertiesTest, EncryptsPasswordsWithTheSecretKey) {
  SyncSettings s = scs_settings_sample();
  s.secret_key = "k3y-for-scs";
  const auto m = scs_as_map(exl::scs::sync_properties(s));
  EXPECT_NE(m.at("source_cluster_password"), "src-pass");
  EXPECT_EQ(exl::config::mysql_aes_decrypt_base64(m.at("source_cluster_password"), "k3y-for-scs"),
            "src-pass");
  EXPECT_EQ(exl::config::mysql_aes_decrypt_base64(m.at("target_cluster_password"), "k3y-for-scs"),
            "dst-pass");
  EXPECT_EQ(m.at("target_cluster_password_secret_key"), "k3y-for-scs");
  const std::string text = exl::scs::properties_text(exl::scs::sync_properties(s), true);
  EXPECT_EQ(text.find("k3y-for-scs"), std::string::npos);
  EXPECT_NE(text.find("source_cluster_password=***\n"), std::string::npos);
  EXPECT_NE(text.find("source_cluster_token=\n"), std::string::npos);
}

TEST(SyncPropertiesTest, TuningKeysPassAndDerivedKeysAreRefused) {
  SyncSettings s = scs_settings_sample();
  s.tuning = {{"replication_job_interval_seconds", "1"}, {"enable_view_sync", "false"}};
  s.report_interval_s = 1;
  const auto m = scs_as_map(exl::scs::sync_properties(s));
  EXPECT_EQ(m.at("replication_job_interval_seconds"), "1");
  EXPECT_EQ(m.at("enable_view_sync"), "false");
  EXPECT_EQ(m.at("report_interval_seconds"), std::to_string(exl::scs::k_min_report_interval_s));
  EXPECT_FALSE(exl::scs::tuning_key_problem("meta_job_threads"));
  EXPECT_TRUE(exl::scs::tuning_key_problem("include_data_list"));
  EXPECT_TRUE(exl::scs::tuning_key_problem("no_such_key"));
}

TEST(SyncPropertiesTest, HostsFileHasTheDocumentedForm) {
  EXPECT_EQ(exl::scs::hosts_text({{"SOURCE_192.1.1.1", "10.1.1.1"}}),
            "# <SOURCE/TARGET>_<domain>=<IP>\nSOURCE_192.1.1.1=10.1.1.1\n");
}
