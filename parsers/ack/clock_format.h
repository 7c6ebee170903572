// Dates and times of acknowledgement envelopes, from the AckOptions clock.
//
// Thread-safety: pure functions.
#pragma once

#include <ctime>
#include <string>

#include "parsers/ack/ack_options.h"

namespace bridge::parsers::ack {

// The options' clock, or the current UTC time when none is set.
std::tm ackTime(const AckOptions& options);

std::string yymmdd(const std::tm& t);
std::string ccyymmdd(const std::tm& t);
std::string hhmm(const std::tm& t);

}  // namespace bridge::parsers::ack
