// The TA1 interchange acknowledgement: whether one is due and what it says.
//
// TA104 is R when the interchange envelope has an error, E when it only has
// warnings that map to a TA105 code, A otherwise; TA105 is the code of the
// first such finding (errors first), 000 when there is none.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "parsers/ack/ack_options.h"
#include "parsers/ack/report.h"
#include "parsers/ack/verdict.h"
#include "parsers/edi/segment.h"

namespace bridge::parsers::ack {

struct Ta1Decision {
  bool send = false;
  Verdict verdict = Verdict::kAccepted;
  std::string code = "000";  // TA105
};

Ta1Decision decideTa1(const InterchangeReport& interchange, Ta1Policy policy);

// TA1*ISA13*ISA09*ISA10*TA104*TA105.
edi::OwnedSegment ta1Segment(const InterchangeReport& interchange, const Ta1Decision& decision);

}  // namespace bridge::parsers::ack
