// The CONTRL syntax and service report for one inbound EDIFACT interchange,
// in the syntax version of the inbound UNB (UNH CONTRL:D:3:UN for versions
// 1-3, CONTRL:4:1:UN for 4), addressed back to the sender.
//
// Levels (AckOptions::contrl): kReceipt sends UCI 0083 = 8 (received) only;
// kInterchange sends UCI 7 (acknowledged) or 4 (rejected) and a UCF / UCM
// only for groups and messages that are rejected; kMessage adds a UCM (and
// UCF) for every group and message. Findings about a message's segments and
// elements (schema validation) are listed as UCS / UCD under its UCM. CONTRL
// messages are never acknowledged: an interchange of CONTRL messages only
// gets nothing, and CONTRL messages in other interchanges get no UCM.
//
// Thread-safety: one call per output stream.
#pragma once

#include <ostream>

#include "bridge/core/status.h"
#include "parsers/ack/ack_options.h"
#include "parsers/ack/report.h"

namespace bridge::parsers::ack {

// Writes nothing (and returns ok) when no CONTRL is due.
core::Status writeContrl(const InterchangeReport& interchange, const AckOptions& options,
                         ControlNumberSource& numbers, std::ostream& out);

}  // namespace bridge::parsers::ack
