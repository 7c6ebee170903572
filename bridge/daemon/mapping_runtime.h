// MappingRuntime: what the item processor needs to translate documents: the
// active mapping set, the contracts, the schemas that give EDI sources their
// loops and the partner profiles that address outbound interchanges.
//
// The pipeline owns one and replaces `set` on reload between batches; a
// batch sees one set from start to end.
//
// Thread-safety: used from the pipeline's thread only.
#pragma once

#include <memory>
#include <string>

#include "bridge/partners/partner_directory.h"
#include "mappings/engine/contract_registry.h"
#include "mappings/engine/mapping_set.h"
#include "parsers/edi/events.h"
#include "parsers/edi/tree.h"
#include "parsers/schema/registry.h"

namespace bridge::daemon {

struct MappingRuntime {
  std::shared_ptr<const mappings::MappingSet> set;  // null: no mapping directory configured
  uint64_t version = 0;                             // the active version number
  const mappings::ContractRegistry* contracts = nullptr;
  parsers::schema::SchemaRegistry* schemas = nullptr;
  const partners::PartnerDirectory* partners = nullptr;

  const mappings::Mapping* find(const std::string& name) const {
    return set ? set->find(name) : nullptr;
  }
};

// Passes every event on and also builds the transaction trees a mapping
// reads, in input order.
class TreeTee : public parsers::edi::ForwardingHandler {
 public:
  explicit TreeTee(parsers::edi::EventHandler& next)
      : ForwardingHandler(next), builder_([this](parsers::edi::TransactionTree&& tree) {
          trees_.push_back(std::move(tree));
        }) {}

  void onInterchangeStart(const parsers::edi::InterchangeInfo& info,
                          const parsers::edi::Segment& header) override {
    builder_.onInterchangeStart(info, header);
    next().onInterchangeStart(info, header);
  }
  void onInterchangeEnd(const parsers::edi::Segment* trailer) override {
    builder_.onInterchangeEnd(trailer);
    next().onInterchangeEnd(trailer);
  }
  void onGroupStart(const parsers::edi::Segment& header) override {
    builder_.onGroupStart(header);
    next().onGroupStart(header);
  }
  void onGroupEnd(const parsers::edi::Segment* trailer) override {
    builder_.onGroupEnd(trailer);
    next().onGroupEnd(trailer);
  }
  void onTransactionStart(const parsers::edi::Segment& header) override {
    builder_.onTransactionStart(header);
    next().onTransactionStart(header);
  }
  void onTransactionEnd(const parsers::edi::Segment* trailer) override {
    builder_.onTransactionEnd(trailer);
    next().onTransactionEnd(trailer);
  }
  void onSegment(const parsers::edi::Segment& segment) override {
    builder_.onSegment(segment);
    next().onSegment(segment);
  }
  void onFinding(const core::Finding& finding) override {
    builder_.onFinding(finding);
    next().onFinding(finding);
  }

  std::vector<parsers::edi::TransactionTree>& trees() { return trees_; }

 private:
  parsers::edi::TreeBuilder builder_;
  std::vector<parsers::edi::TransactionTree> trees_;
};

}  // namespace bridge::daemon
