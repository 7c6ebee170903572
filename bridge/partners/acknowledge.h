// Writing every acknowledgement an input needs, each interchange answered
// with the settings of the partner that sent it (ack_policy.h). Shared by
// `edi-bridge ack` and, later, the daemon.
//
// Thread-safety: one call per output stream.
#pragma once

#include <ctime>
#include <functional>
#include <ostream>

#include "bridge/core/status.h"
#include "bridge/partners/partner_schema_source.h"
#include "parsers/ack/ack_options.h"
#include "parsers/ack/report.h"

namespace bridge::partners {

// True when the input had an error anywhere (something is rejected).
bool inputHasErrors(const parsers::ack::InputReport& report);

// Writes the acknowledgements of `report` to `out`. `clock` replaces the
// current time when set (tests).
core::Status writeInputAcknowledgements(parsers::ack::InputReport report,
                                        const PartnerSchemaSource& partners,
                                        parsers::ack::ControlNumberSource& numbers,
                                        std::ostream& out, std::function<std::tm()> clock = {});

}  // namespace bridge::partners
