// ContractRegistry: the canonical business-document contracts (JSON Schema draft-07 files in
// mappings/contracts/) and the check of a document against one of them.
//
// Mappings produce and consume documents such as "order.v1" or "shipment.v1"; validating
// them against the contract catches a mapping that misspells a field, drops a required value
// or writes a date in the wrong form before the document leaves the bridge. Findings point
// at the offending value with a JSON pointer and say in words what is wrong, one finding per
// problem.
//
// Memory: each contract keeps its schema JSON and valijson's parsed form, about 1.2 MB for
// the nine shipped contracts. Copies of a registry share them, so copying is cheap. Each
// pooled validator adds its compiled patterns (a few KB).
//
// Thread-safety: a registry is immutable after load(); any number of threads may call the
// const methods at once. validate() borrows a validator (which caches compiled patterns)
// from a pool shared by the copies, so no two threads ever use the same validator.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bridge/core/status.h"

namespace bridge::mappings {

struct ContractFinding {
  std::string pointer;  // JSON pointer of the failing value, "" for the document root
  std::string message;  // what is wrong, e.g. "required property 'orderNumber' is missing"

  bool operator==(const ContractFinding&) const = default;
};

class ContractRegistry {
 public:
  // An empty registry: knows no contract.
  ContractRegistry();

  // Loads every <name>.schema.json in `dir` (not its subfolders); the contract name is the
  // file name without ".schema.json", e.g. "order.v1". Fails, naming the file, when a file
  // cannot be read, is not JSON (with line and column), is not a valid schema or holds a
  // pattern that is not a valid regular expression; fails when `dir` holds no schema.
  static core::Result<ContractRegistry> load(const std::filesystem::path& dir);

  bool has(std::string_view name) const;

  // Contract names, sorted.
  std::vector<std::string> names() const;

  // The findings of `document` against `contract`, sorted by pointer (array elements in
  // index order), each problem once; empty when the document is valid. notFound when the
  // contract is unknown; internal when the validator fails on the schema itself.
  core::Result<std::vector<ContractFinding>> validate(std::string_view contract,
                                                      const nlohmann::json& document) const;

 private:
  struct Contract;
  class ValidatorPool;

  std::map<std::string, std::shared_ptr<const Contract>, std::less<>> contracts_;
  std::shared_ptr<ValidatorPool> validators_;
};

}  // namespace bridge::mappings
