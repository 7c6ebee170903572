// The body of a 997 (004010) or 999 (005010X231A1) functional
// acknowledgement for one inbound functional group: ST, AK1, per transaction
// set AK2 / AK3 (IK3) / AK4 (IK4, CTX) / AK5 (IK5), AK9, SE.
//
// Statuses: a transaction set is R when a finding about it is an error, E
// when its findings are warnings that map to codes, A otherwise. The group
// (AK901) is R when the group envelope itself has an error or every set is
// rejected, P when some are, E when any set or the group has coded warnings,
// A otherwise. AK904 counts the sets that are not rejected (0 when the group
// itself is rejected).
//
// Thread-safety: pure functions over the report.
#pragma once

#include <string>

#include "parsers/ack/ack_emitter.h"
#include "parsers/ack/ack_options.h"
#include "parsers/ack/report.h"

namespace bridge::parsers::ack {

// A group gets a functional ack when it has a GS header and is not itself a
// group of functional acks (GS01 FA): acks are never acknowledged.
bool needsFunctionalAck(const GroupReport& group);

// Writes ST ... SE for `group` (the caller writes GS/GE around it).
// `delimiters` are the ack's, to decide which bad values can be copied.
void writeFunctionalAck(const GroupReport& group, bool v5010, const std::string& st02,
                        const AckOptions& options, const edi::Delimiters& delimiters,
                        AckEmitter& emitter);

}  // namespace bridge::parsers::ack
