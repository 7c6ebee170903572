// edi_mapping_bench: translation throughput of the shipped catalog on a
// generated X12 850 file (docs/performance.md, scripts/mapping-bench.sh).
//
//   edi_mapping_bench [--repeat N] [--no-outbound] [--no-contracts] FILE
//
// inbound   every 850 of FILE through x12-850-order, contract validation
//           included (what a route with that mapping pays after the reader
//           and the schema validator)
// outbound  for each order produced, its invoice (quantity x price per
//           line) through invoice-x12-810 with envelope and control numbers
//           (what a source of canonical invoices pays)
//
// --no-contracts skips contract validation, to show what it costs.
//
// Transactions are translated as the reader hands them over, so memory
// stays flat whatever the file size. Prints one line per repetition.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>

#include "mappings/engine/install_paths.h"
#include "mappings/engine/mapping_set.h"
#include "mappings/engine/translator.h"
#include "parsers/edi/reader.h"

namespace {

using namespace bridge;
using Clock = std::chrono::steady_clock;

nlohmann::json invoiceFor(const nlohmann::json& order) {
  nlohmann::json invoice = {
      {"invoiceNumber", "INV-" + order.value("orderNumber", std::string("?"))},
      {"invoiceDate", order.value("orderDate", std::string("2026-01-01"))},
      {"orderNumber", order.value("orderNumber", std::string("?"))}};
  double total = 0;
  int number = 0;
  for (const auto& line : order.value("lines", nlohmann::json::array())) {
    const double quantity = line.value("quantity", 0.0);
    const double price = line.value("unitPrice", 1.0);
    nlohmann::json out = {{"lineNumber", std::to_string(++number)},
                          {"quantity", quantity},
                          {"unitPrice", price},
                          {"amount", quantity * price}};
    if (line.contains("unit")) out["unit"] = line["unit"];
    if (line.contains("item")) out["item"] = line["item"];
    invoice["lines"].push_back(std::move(out));
    total += quantity * price;
  }
  invoice["totals"] = {{"totalAmount", static_cast<double>(std::llround(total * 100)) / 100}};
  return invoice;
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 1;
  bool outbound = true;
  bool validate = true;
  std::string file;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--no-outbound") == 0) {
      outbound = false;
    } else if (std::strcmp(argv[i], "--no-contracts") == 0) {
      validate = false;
    } else {
      file = argv[i];
    }
  }
  if (file.empty()) {
    std::cerr << "usage: edi_mapping_bench [--repeat N] [--no-outbound] [--no-contracts] FILE\n";
    return 2;
  }
  auto contracts = mappings::ContractRegistry::load(mappings::defaultContractDirectory());
  if (!contracts) {
    std::cerr << contracts.status().message() << "\n";
    return 2;
  }
  parsers::schema::SchemaRegistry schemas(parsers::schema::SchemaRegistry::defaultRoot());
  config::YamlIssues issues;
  auto set = mappings::loadMappingSet(mappings::defaultMappingDirectory(), {&*contracts, &schemas},
                                      issues);
  if (set == nullptr) {
    std::cerr << issues.describe();
    return 2;
  }
  const mappings::Mapping* order = set->find("x12-850-order");
  const mappings::Mapping* invoice = set->find("invoice-x12-810");
  if (order == nullptr || (outbound && invoice == nullptr)) {
    std::cerr << "the catalog lacks x12-850-order or invoice-x12-810\n";
    return 2;
  }
  std::error_code sizeError;
  const double mb = static_cast<double>(std::filesystem::file_size(file, sizeError)) / 1e6;

  mappings::TranslationContext context;
  context.contracts = validate ? &*contracts : nullptr;
  context.schemas = &schemas;
  mappings::FixedOutbound fixed = mappings::fixedOutbound(*invoice);
  mappings::SequentialNumbers numbers;
  mappings::TranslationContext outContext = context;
  outContext.envelope = &fixed.envelope;
  outContext.numbers = &numbers;
  outContext.now = fixed.now;

  for (int r = 0; r < repeat; ++r) {
    uint64_t documents = 0, failed = 0, invoices = 0, ediBytes = 0;
    Clock::duration inboundTime{}, outboundTime{};
    const auto start = Clock::now();
    parsers::edi::TreeBuilder builder([&](parsers::edi::TransactionTree&& tree) {
      const auto t0 = Clock::now();
      mappings::Translation translation =
          mappings::translateTransaction(*order, std::move(tree), context);
      const auto t1 = Clock::now();
      inboundTime += t1 - t0;
      ++documents;
      if (!translation.ok()) {
        if (failed++ == 0) std::cerr << "first problem: " << translation.problems[0] << "\n";
        return;
      }
      if (!outbound) return;
      mappings::Translation edi = mappings::translateDocument(
          *invoice, invoiceFor(translation.document), "invoice", outContext);
      outboundTime += Clock::now() - t1;
      if (!edi.ok()) {
        if (failed++ == 0) std::cerr << "first problem: " << edi.problems[0] << "\n";
        return;
      }
      ++invoices;
      ediBytes += edi.output.size();
    });
    // Read in chunks, as the daemon does: memory is one transaction at a time.
    core::Status read = parsers::edi::readPath(file, builder);
    if (!read.isOk()) {
      std::cerr << read.message() << "\n";
      return 2;
    }
    const double total = std::chrono::duration<double>(Clock::now() - start).count();
    const double inSeconds = std::chrono::duration<double>(inboundTime).count();
    const double outSeconds = std::chrono::duration<double>(outboundTime).count();
    std::printf(
        "run %d: %llu orders (%llu failed) in %.2f s; inbound 850->order %.0f docs/s %.1f MB/s "
        "(mapping only, %.2f s); outbound invoice->810 %.0f docs/s %.1f MB/s of EDI (%.2f s)\n",
        r + 1, static_cast<unsigned long long>(documents), static_cast<unsigned long long>(failed),
        total, documents / inSeconds, mb / inSeconds, inSeconds,
        invoices / (outSeconds > 0 ? outSeconds : 1),
        static_cast<double>(ediBytes) / 1e6 / (outSeconds > 0 ? outSeconds : 1), outSeconds);
  }
  return 0;
}
