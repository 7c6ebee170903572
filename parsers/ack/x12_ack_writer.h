// The acknowledgement interchange for one inbound X12 interchange: a TA1
// (when the policy asks for one) followed by one 997 or 999 functional group
// per inbound group that needs one, addressed back to the sender.
//
// When the interchange envelope has an error the interchange is rejected as a
// whole: only the TA1 (R) is sent, no functional acks, because the groups
// inside an interchange whose envelope cannot be trusted are not processed.
// An interchange that carries only TA1 segments is itself an acknowledgement
// and gets nothing.
//
// Thread-safety: one call per output stream.
#pragma once

#include <ostream>

#include "bridge/core/status.h"
#include "parsers/ack/ack_options.h"
#include "parsers/ack/report.h"

namespace bridge::parsers::ack {

// Writes nothing (and returns ok) when no acknowledgement is due.
core::Status writeX12Acknowledgement(const InterchangeReport& interchange,
                                     const AckOptions& options, ControlNumberSource& numbers,
                                     std::ostream& out);

}  // namespace bridge::parsers::ack
