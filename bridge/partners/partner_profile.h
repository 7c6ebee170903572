// PartnerProfile: what edi-bridge knows about one trading partner, as read
// from partners/<id>.yaml (docs/partner-profiles.md): how the partner's
// interchanges are recognised, which acknowledgements it gets and how ours
// are addressed and written.
//
// The acknowledgement choices reuse the enums of parsers/ack, so a profile
// maps onto AckOptions without a translation table.
//
// Thread-safety: values.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "parsers/ack/ack_options.h"
#include "parsers/edi/segment.h"

namespace bridge::partners {

// Where a value was written in its profile file, so that a conflict found
// across files can name both places. 1-based; 0 when not read from a file.
struct SourcePosition {
  uint64_t line = 0;
  uint64_t column = 0;
};

// One way the partner appears in ISA05/ISA06 (and in ISA07/ISA08 of what we
// send it). `id` has no padding.
struct X12Identity {
  std::string qualifier;
  std::string id;
  SourcePosition at;
};

// Our own address on the acks we send this partner. Empty fields keep the
// default: the inbound receiver's values.
struct X12OurIds {
  std::string qualifier;
  std::string id;
  std::string applicationId;  // GS02 of our acks
};

// ISA15 of what we send.
enum class Usage { kProduction, kTest };

struct X12Outbound {
  // Element, component, repetition (0: none) and segment separator.
  // nullopt: copy those of the inbound interchange.
  std::optional<parsers::edi::Delimiters> delimiters;
  bool lineBreaks = false;
  std::optional<Usage> usage;  // nullopt: copy the inbound ISA15
};

struct X12Profile {
  std::vector<X12Identity> interchangeIds;  // at least one
  std::vector<std::string> applicationIds;  // GS02 values the partner sends
  std::vector<std::string> versions;        // first six characters of GS08 ("004010")
  // nullopt: by the group's version, as for an unknown partner (997 before
  // 005010, 999 from 005010).
  std::optional<parsers::ack::FunctionalAck> acknowledgement;
  parsers::ack::Ta1Policy ta1 = parsers::ack::Ta1Policy::kOnRequest;
  std::optional<X12OurIds> ourIds;
  X12Outbound outbound;
};

// One way the partner appears in UNB S002 (and S003 of what we send). An
// empty qualifier matches any qualifier, including none.
struct EdifactIdentity {
  std::string id;
  std::string qualifier;
  SourcePosition at;
};

struct EdifactOurIds {
  std::string id;
  std::string qualifier;  // empty: none
};

struct EdifactOutbound {
  std::optional<std::string> syntax;     // UNB S001 0001; nullopt: copy inbound
  std::optional<uint8_t> syntaxVersion;  // UNB S001 0002; nullopt: copy inbound
  // Component, element, decimal mark, release, repetition (0: none) and
  // segment separator. nullopt: copy those of the inbound interchange.
  std::optional<parsers::edi::Delimiters> delimiters;
  bool lineBreaks = false;
};

struct EdifactProfile {
  std::vector<EdifactIdentity> ids;   // at least one
  std::vector<std::string> versions;  // UNH S009 0052 + 0054 ("D96A")
  // kNone when the profile says `acknowledgement: none`.
  parsers::ack::ContrlLevel contrl = parsers::ack::ContrlLevel::kInterchange;
  std::optional<EdifactOurIds> ourIds;
  EdifactOutbound outbound;
};

inline constexpr std::chrono::seconds kDefaultAckDeadline = std::chrono::hours(24);

struct PartnerProfile {
  std::string id;
  SourcePosition idAt;
  std::string name;  // the id when the profile gives none
  std::string file;  // the profile's path as it was given to the loader
  std::optional<X12Profile> x12;
  std::optional<EdifactProfile> edifact;
  std::vector<std::filesystem::path> overlays;  // absolute, in the profile's order
  std::chrono::seconds ackDeadline = kDefaultAckDeadline;
};

}  // namespace bridge::partners
