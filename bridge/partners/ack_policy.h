// The acknowledgement options for one inbound interchange, from the profile
// of the partner that sent it, or the defaults of docs/partner-profiles.md
// when no profile matched: 997 for groups before 005010 and 999 from 005010,
// TA1 on request, CONTRL at interchange level, the inbound delimiters, and
// the ack addressed back with the inbound sender and receiver swapped.
//
// Thread-safety: pure function.
#pragma once

#include "bridge/partners/partner_profile.h"
#include "parsers/ack/ack_options.h"
#include "parsers/ack/report.h"

namespace bridge::partners {

// `partner` may be null.
parsers::ack::AckOptions ackOptionsFor(const PartnerProfile* partner,
                                       const parsers::ack::InterchangeReport& interchange);

}  // namespace bridge::partners
