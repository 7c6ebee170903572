#include "transports/folder/file_name_template.h"

#include <gtest/gtest.h>

#include "bridge/core/log.h"
#include "transports/folder/folder_sink.h"
#include "transports/safe_names.h"
#include "transports/test_support.h"

namespace bridge::transports {
namespace {

using testing::listTree;
using testing::TempDir;

OutboundDocument document(nlohmann::json attributes, std::string key = "item-1/target") {
  OutboundDocument doc;
  doc.idempotencyKey = std::move(key);
  doc.kind = "ack";
  doc.contentType = "application/edi-x12";
  doc.payload = "ISA*00*...~";
  doc.attributes = std::move(attributes);
  return doc;
}

std::string render(std::string_view text, const OutboundDocument& doc) {
  core::Result<FileNameTemplate> parsed = FileNameTemplate::parse(text);
  EXPECT_TRUE(parsed.isOk()) << parsed.status().toString();
  return parsed ? parsed->render(doc) : std::string();
}

TEST(FileNameTemplate, RendersFieldsFromTheDocument) {
  const OutboundDocument doc = document({{"partner", "ACME"},
                                         {"standard", "x12"},
                                         {"set", "997"},
                                         {"version", "004010"},
                                         {"control", "000000012"},
                                         {"item", "it-7"}});
  // The key holds a '/', so it is sanitised and given a hash of the original.
  const std::string key = fileNameKey("item-1/target");
  EXPECT_EQ(key.rfind("item-1_target-", 0), 0u);
  EXPECT_EQ(key.size(), std::string("item-1_target-").size() + 16);
  EXPECT_EQ(render("{partner}/{kind}-{set}-{control}-{key}.{ext}", doc),
            "ACME/ack-997-000000012-" + key + ".x12");
  EXPECT_EQ(render("{standard}/{version}/{item}.{ext}", doc), "x12/004010/it-7.x12");
  EXPECT_EQ(render("out-{set}", document(nlohmann::json::object())), "out-_");
}

TEST(FileNameTemplate, KeyIsStableAndDistinct) {
  EXPECT_EQ(fileNameKey("abc-123"), "abc-123");
  EXPECT_EQ(fileNameKey("a/b"), fileNameKey("a/b"));
  EXPECT_NE(fileNameKey("a/b"), fileNameKey("a:b"));
  EXPECT_NE(fileNameKey("a/b"), "a_b");
  EXPECT_LE(fileNameKey(std::string(4096, 'k')).size(), 64u);
  EXPECT_NE(fileNameKey(std::string(100, 'k')), fileNameKey(std::string(101, 'k')));
  EXPECT_TRUE(isSafeFileName(fileNameKey("../../etc/passwd")));
}

TEST(FileNameTemplate, ExtensionFollowsTheContentType) {
  EXPECT_EQ(extensionForContentType("application/edi-x12"), "x12");
  EXPECT_EQ(extensionForContentType("application/edifact"), "edi");
  EXPECT_EQ(extensionForContentType("application/json"), "json");
  EXPECT_EQ(extensionForContentType("application/json; charset=utf-8"), "json");
  EXPECT_EQ(extensionForContentType("text/csv"), "dat");
  EXPECT_EQ(extensionForContentType(""), "dat");
}

TEST(FileNameTemplate, RefusesUnusableTemplates) {
  for (const char* bad :
       {"", "{unknown}.x12", "../{key}", "a/../{key}", "/abs/{key}", "a//{key}", "{key}/",
        "./{key}", ".", "..", "{partner", "x}", "a\\{key}", "a\n{key}", "{}", "{ key}"}) {
    core::Result<FileNameTemplate> parsed = FileNameTemplate::parse(bad);
    EXPECT_FALSE(parsed.isOk()) << "accepted '" << bad << "'";
    if (!parsed) {
      EXPECT_EQ(parsed.status().code(), core::StatusCode::kInvalidArgument);
    }
  }
  EXPECT_FALSE(FileNameTemplate::parse(std::string(300, 'x') + "{key}").isOk());
  for (const char* good : {"{key}", "{partner}/{kind}-{set}-{control}-{key}.{ext}",
                           "out/{partner}/in.{key}", "..{key}", "a..b-{key}", "...{key}"}) {
    EXPECT_TRUE(FileNameTemplate::parse(good).isOk()) << good;
  }
}

std::vector<std::string> hostileValues() {
  return {"../../etc/passwd",
          "/abs",
          "/",
          "a/b",
          "..",
          ".",
          "...",
          "\n",
          "\r\n\t",
          std::string("nul\0byte", 8),
          "\x1b[31m",
          "..\\..\\windows",
          "%2e%2e%2f",
          "-rf",
          " ",
          "",
          "\xff\xfe",
          "\xc0\xaf",
          "\xe2\x80\xae",
          std::string(4096, 'A'),
          std::string(4096, '/'),
          std::string(4096, '.'),
          "../" + std::string(300, 'x')};
}

TEST(S6_hostile_file_names_template, RenderedPathsStayInsideTheRoot) {
  const std::vector<std::string> templates = {"{partner}/{kind}-{set}-{control}-{key}.{ext}",
                                              "{partner}{standard}{set}{version}/{control}{item}",
                                              "{partner}/{version}/{item}.{ext}", "x/.{partner}",
                                              "{key}"};
  const std::filesystem::path root = "/srv/out";
  for (const std::string& text : templates) {
    core::Result<FileNameTemplate> parsed = FileNameTemplate::parse(text);
    ASSERT_TRUE(parsed.isOk()) << text;
    for (const std::string& value : hostileValues()) {
      OutboundDocument doc = document({{"partner", value},
                                       {"standard", value},
                                       {"set", value},
                                       {"version", value},
                                       {"control", value},
                                       {"item", value}},
                                      value);
      doc.kind = value;
      const std::string path = parsed->render(doc);
      EXPECT_TRUE(isSafeRelativePath(path)) << text << " -> " << path;
      const std::filesystem::path joined = (root / path).lexically_normal();
      EXPECT_EQ(joined.string().rfind("/srv/out/", 0), 0u) << joined;
      size_t components = 0;
      for (const auto& component : std::filesystem::path(path)) {
        ++components;
        EXPECT_LE(component.string().size(), kMaxRenderedComponent);
        EXPECT_NE(component, "..");
        EXPECT_NE(component, ".");
      }
      // Only the template's own '/' separate components.
      EXPECT_EQ(components, static_cast<size_t>(std::count(text.begin(), text.end(), '/') + 1));
    }
  }
}

TEST(S6_hostile_file_names_template, FolderSinkWritesOnlyInsideTheRoot) {
  core::setLogEnabled(false);
  TempDir base;
  config::FolderTargetSettings settings;
  settings.path = base / "out";
  spool::PosixDisk disk;
  FolderSink sink(disk, "folder", settings);
  ASSERT_TRUE(sink.status().isOk());
  std::vector<OutboundDocument> documents;
  const std::vector<std::string> values = hostileValues();
  for (size_t i = 0; i < values.size(); ++i) {
    OutboundDocument doc = document({{"partner", values[i]}, {"set", values[i]}, {"control", "1"}},
                                    values[i] + std::to_string(i));
    doc.payload = "payload-" + std::to_string(i);
    documents.push_back(std::move(doc));
  }
  core::Result<std::vector<SinkResult>> results = sink.deliver(documents);
  ASSERT_TRUE(results.isOk()) << results.status().toString();
  for (const SinkResult& result : *results) {
    EXPECT_EQ(result.outcome, SinkOutcome::kDone) << result.detail;
  }
  // Everything written is below out/; nothing else appeared next to it.
  std::vector<std::string> top = listTree(base.path());
  for (const std::string& entry : top) EXPECT_EQ(entry.rfind("out", 0), 0u) << entry;
  size_t files = 0;
  for (const std::string& entry : listTree(base / "out")) {
    if (std::filesystem::is_regular_file(base / "out" / entry)) ++files;
    EXPECT_EQ(std::filesystem::path(entry).filename().string().front() == '.', false) << entry;
  }
  EXPECT_EQ(files, values.size());
  core::setLogEnabled(true);
}

}  // namespace
}  // namespace bridge::transports
