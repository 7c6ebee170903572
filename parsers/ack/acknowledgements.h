// The entry point of acknowledgement generation: every acknowledgement due
// for an input, as one or more interchanges (one per inbound interchange that
// gets an answer: TA1 and 997/999 for X12, CONTRL for EDIFACT). See
// docs/acknowledgements.md.
//
//   ack::ReportCollector collector;
//   edi::EnvelopeValidator validator(collector);
//   edi::Reader reader(validator);  ... feed, finish ...
//   ack::writeAcknowledgements(collector.take(), options, numbers, out);
//
// Thread-safety: one call per output stream.
#pragma once

#include <ostream>
#include <string>

#include "bridge/core/status.h"
#include "parsers/ack/ack_options.h"
#include "parsers/ack/report.h"

namespace bridge::parsers::ack {

// Writes the acknowledgements to `out`; stops at the first error (a control
// number that cannot be had, a value that cannot be written). Interchanges of
// an unknown standard, and those without header, get nothing.
core::Status writeAcknowledgements(const InputReport& report, const AckOptions& options,
                                   ControlNumberSource& numbers, std::ostream& out);

// The same, returned as text.
core::Result<std::string> writeAcknowledgements(const InputReport& report,
                                                const AckOptions& options,
                                                ControlNumberSource& numbers);

}  // namespace bridge::parsers::ack
