#include "bridge/partners/acknowledge.h"

#include "bridge/partners/ack_policy.h"
#include "parsers/ack/acknowledgements.h"

namespace bridge::partners {
namespace {

namespace ack = parsers::ack;

bool hasErrors(const ack::FindingList& list) {
  if (list.droppedErrors > 0) return true;
  for (const core::Finding& finding : list.kept) {
    if (finding.isError()) return true;
  }
  return false;
}

bool hasErrors(const ack::InterchangeReport& interchange) {
  if (hasErrors(interchange.findings)) return true;
  for (const auto& group : interchange.groups) {
    if (hasErrors(group.findings)) return true;
    for (const auto& transaction : group.transactions) {
      if (hasErrors(transaction.findings)) return true;
    }
  }
  return false;
}

// The interchange sender as partner lookup wants it: ISA05/ISA06, or UNB
// S002 qualifier and id.
const PartnerProfile* senderProfile(const PartnerSchemaSource& partners,
                                    const ack::InterchangeReport& interchange) {
  if (!interchange.hasHeader) return partners.partnerFor(interchange.standard, "", "");
  const parsers::edi::OwnedSegment& header = interchange.header;
  if (interchange.standard == parsers::edi::Standard::kX12) {
    return partners.partnerFor(interchange.standard, header.element(4), header.element(5));
  }
  std::string_view id;
  std::string_view qualifier;
  if (header.elements.size() > 1 && !header.elements[1].empty()) {
    const auto& sender = header.elements[1][0];
    if (!sender.empty()) id = sender[0];
    if (sender.size() > 1) qualifier = sender[1];
  }
  return partners.partnerFor(interchange.standard, qualifier, id);
}

}  // namespace

bool inputHasErrors(const ack::InputReport& report) {
  if (hasErrors(report.unattached)) return true;
  for (const auto& interchange : report.interchanges) {
    if (hasErrors(interchange)) return true;
  }
  return false;
}

core::Status writeInputAcknowledgements(ack::InputReport report,
                                        const PartnerSchemaSource& partners,
                                        ack::ControlNumberSource& numbers, std::ostream& out,
                                        std::function<std::tm()> clock) {
  for (ack::InterchangeReport& interchange : report.interchanges) {
    ack::AckOptions options = ackOptionsFor(senderProfile(partners, interchange), interchange);
    if (clock) options.clock = clock;
    ack::InputReport one;
    one.interchanges.push_back(std::move(interchange));
    core::Status status = ack::writeAcknowledgements(one, options, numbers, out);
    if (!status.isOk()) return status;
  }
  return core::Status::ok();
}

}  // namespace bridge::partners
