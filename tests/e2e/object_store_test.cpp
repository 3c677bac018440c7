#include "e2e_support.hpp"

#include "exlschema/storage/s3_client.hpp"

// The sandbox of the e2e tests carries the object store of -o files (tests/s3/s3rver.sh, started
// by sandbox.sh up): its variables are in sandbox.env and both buckets answer.
namespace exl::test::e2e {
namespace {

TEST(ObjectStoreTest, SandboxHasBothBuckets) {
  const auto env = load_sandbox_env();
  ASSERT_TRUE(env) << "EXL_TEST_SANDBOX_DIR not set: run through ctest";
  for (const char* name : {"EXL_S3_ENDPOINT", "EXL_S3_ACCESS_KEY", "EXL_S3_SECRET_KEY",
                           "EXL_S3_SRC_BUCKET", "EXL_S3_DST_BUCKET"}) {
    ASSERT_EQ(env->count(name), 1u) << name << " missing from sandbox.env";
  }
  for (const char* bucket : {"EXL_S3_SRC_BUCKET", "EXL_S3_DST_BUCKET"}) {
    storage::StorageLocation location;
    location.endpoint = env->at("EXL_S3_ENDPOINT");
    location.bucket = env->at(bucket);
    location.access_key = env->at("EXL_S3_ACCESS_KEY");
    location.secret_key = env->at("EXL_S3_SECRET_KEY");
    const storage::S3Client client(location);
    const std::string key = "e2e-object-store-check/marker";
    client.put(key, "present");
    EXPECT_EQ(client.get(key), "present") << location.bucket;
    EXPECT_EQ(client.remove_prefix("e2e-object-store-check/"), 1u) << location.bucket;
  }
}

} // namespace
} // namespace exl::test::e2e
