#include "parsers/ack/acknowledgements.h"

#include <sstream>

#include "parsers/ack/contrl_writer.h"
#include "parsers/ack/x12_ack_writer.h"

namespace bridge::parsers::ack {

core::Status writeAcknowledgements(const InputReport& report, const AckOptions& options,
                                   ControlNumberSource& numbers, std::ostream& out) {
  for (const InterchangeReport& interchange : report.interchanges) {
    core::Status status = core::Status::ok();
    if (interchange.standard == edi::Standard::kX12) {
      status = writeX12Acknowledgement(interchange, options, numbers, out);
    } else if (interchange.standard == edi::Standard::kEdifact) {
      status = writeContrl(interchange, options, numbers, out);
    }
    if (!status.isOk()) return status;
  }
  return core::Status::ok();
}

core::Result<std::string> writeAcknowledgements(const InputReport& report,
                                                const AckOptions& options,
                                                ControlNumberSource& numbers) {
  std::ostringstream out;
  core::Status status = writeAcknowledgements(report, options, numbers, out);
  if (!status.isOk()) return status;
  return out.str();
}

}  // namespace bridge::parsers::ack
