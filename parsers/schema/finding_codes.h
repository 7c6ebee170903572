// The stable finding codes of schema validation. Each maps to exactly one
// acknowledgement code per acknowledgement kind (X12 997 AK304/AK403, 999
// IK304/IK403, EDIFACT CONTRL 0085); the table is parsers/ack/ack_codes.h and
// docs/findings.md lists both.
#pragma once

namespace bridge::parsers::schema::codes {

// Transaction level.
inline constexpr char kNoSchema[] = "SCHEMA_NOT_AVAILABLE";   // warning: set not validated
inline constexpr char kSchemaUnusable[] = "SCHEMA_UNUSABLE";  // error: the schema files are broken
inline constexpr char kFindingLimit[] = "SCHEMA_FINDING_LIMIT";  // info: further findings dropped

// Segment level (X12 AK3 / IK3, EDIFACT UCS).
inline constexpr char kUnrecognizedSegment[] =
    "SCHEMA_UNRECOGNIZED_SEGMENT";  // tag not in the version
inline constexpr char kUnexpectedSegment[] =
    "SCHEMA_UNEXPECTED_SEGMENT";  // in the set, not reachable here
inline constexpr char kMandatorySegmentMissing[] = "SCHEMA_MANDATORY_SEGMENT_MISSING";
inline constexpr char kLoopOverMax[] = "SCHEMA_LOOP_OVER_MAX";
inline constexpr char kSegmentOverMax[] = "SCHEMA_SEGMENT_OVER_MAX";
inline constexpr char kSegmentNotInSet[] =
    "SCHEMA_SEGMENT_NOT_IN_SET";  // in the version, not in this set
inline constexpr char kSegmentOutOfOrder[] = "SCHEMA_SEGMENT_OUT_OF_ORDER";  // in the set, earlier
inline constexpr char kNotUsedSegment[] = "SCHEMA_NOT_USED_SEGMENT";  // forbidden by an overlay
inline constexpr char kHierarchyInvalid[] = "SCHEMA_HL_INVALID";      // HL01/HL02 numbering

// Element level (X12 AK4 / IK4, EDIFACT UCD).
inline constexpr char kMandatoryElementMissing[] = "SCHEMA_MANDATORY_ELEMENT_MISSING";
inline constexpr char kConditionalElementMissing[] = "SCHEMA_CONDITIONAL_ELEMENT_MISSING";
inline constexpr char kTooManyElements[] = "SCHEMA_TOO_MANY_ELEMENTS";
inline constexpr char kElementTooShort[] = "SCHEMA_ELEMENT_TOO_SHORT";
inline constexpr char kElementTooLong[] = "SCHEMA_ELEMENT_TOO_LONG";
inline constexpr char kInvalidCharacter[] = "SCHEMA_INVALID_CHARACTER";
inline constexpr char kInvalidCode[] = "SCHEMA_INVALID_CODE";
inline constexpr char kInvalidDate[] = "SCHEMA_INVALID_DATE";
inline constexpr char kInvalidTime[] = "SCHEMA_INVALID_TIME";
inline constexpr char kExclusionViolated[] = "SCHEMA_EXCLUSION_VIOLATED";
inline constexpr char kTooManyRepetitions[] = "SCHEMA_TOO_MANY_REPETITIONS";
inline constexpr char kTooManyComponents[] = "SCHEMA_TOO_MANY_COMPONENTS";
inline constexpr char kNotUsedElement[] = "SCHEMA_NOT_USED_ELEMENT";  // forbidden by an overlay
inline constexpr char kCodeNotUsed[] =
    "SCHEMA_CODE_NOT_USED";  // outside an overlay's narrowed list

}  // namespace bridge::parsers::schema::codes
