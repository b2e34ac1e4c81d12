#include "cluster/cluster.h"

#include <gtest/gtest.h>

#include "ingest/pipeline.h"

namespace leakgraph::cluster {
namespace {

TEST(ClusterFile, ParsesNamesEndpointsAndFoldersRelativeToTheFile) {
  auto shards = ParseCluster(
      "# comment\n\ns1 10.0.0.1:9701 /abs/case-1\n  s2\t[::1]:9702 rel/case-2  # trailing\ns3 host:1\n",
      "/etc/lg", "c.txt");
  ASSERT_TRUE(shards.ok()) << shards.status().message();
  ASSERT_EQ(shards->size(), 3u);
  EXPECT_EQ((*shards)[0].name, "s1");
  EXPECT_EQ((*shards)[0].host, "10.0.0.1");
  EXPECT_EQ((*shards)[0].port, 9701);
  EXPECT_EQ((*shards)[0].folder, "/abs/case-1");
  EXPECT_EQ((*shards)[1].host, "::1");
  EXPECT_EQ((*shards)[1].folder, "/etc/lg/rel/case-2");
  EXPECT_EQ((*shards)[2].folder, "");
}

TEST(ClusterFile, ErrorsNameTheFileLineAndProblem) {
  auto bad_port = ParseCluster("s1 host:99999\n", "/", "c.txt");
  ASSERT_FALSE(bad_port.ok());
  EXPECT_EQ(bad_port.status().message(), "c.txt:1: 'host:99999' is not HOST:PORT");
  auto twice = ParseCluster("a h:1\n\na h:2\n", "/", "c.txt");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().message(), "c.txt:3: shard 'a' listed twice");
  auto fields = ParseCluster("a h:1 f extra\n", "/", "c.txt");
  ASSERT_FALSE(fields.ok());
  EXPECT_EQ(fields.status().message(), "c.txt:1: expected NAME HOST:PORT [FOLDER]");
  auto empty = ParseCluster("# nothing\n", "/", "c.txt");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("lists no shard"), std::string::npos);
}

TEST(ShardAssignment, DependsOnlyOnTheRelativePathAndCoversEveryShard) {
  // Fixed values: machines built from other versions of this code must agree.
  EXPECT_EQ(ingest::ShardOfRelativePath("mail/2019-09-03_invoice_CH-2019-117.eml", 3),
            ingest::ShardOfRelativePath("mail/2019-09-03_invoice_CH-2019-117.eml", 3));
  EXPECT_EQ(ingest::ShardOfRelativePath("a", 1), 0u);
  EXPECT_EQ(ingest::ShardOfRelativePath("", 7), 14695981039346656037ull % 7);
  std::vector<int> counts(4, 0);
  for (int i = 0; i < 400; ++i) ++counts[ingest::ShardOfRelativePath("cables/" + std::to_string(i) + ".html", 4)];
  for (int c : counts) {
    EXPECT_GT(c, 60);
    EXPECT_LT(c, 140);
  }
}

}  // namespace
}  // namespace leakgraph::cluster
