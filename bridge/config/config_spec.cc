#include "bridge/config/config_spec.h"

#include <cctype>
#include <stdexcept>

#include "bridge/config/bridge_config.h"
#include "bridge/config/durations.h"

namespace bridge::config {
namespace {

// Builds one KeySpec; each setter names what it sets, so that the table of
// keys below reads as a declaration.
class Key {
 public:
  Key(std::string name, ValueType type, std::string description) {
    spec_.name = std::move(name);
    spec_.type = type;
    spec_.description = std::move(description);
  }
  Key& required() {
    spec_.required = true;
    return *this;
  }
  Key& byDefault(std::string value) {
    spec_.defaultValue = std::move(value);
    return *this;
  }
  Key& defaultNote(std::string note) {
    spec_.defaultNote = std::move(note);
    return *this;
  }
  Key& example(std::string value) {
    spec_.example = std::move(value);
    return *this;
  }
  Key& range(uint64_t min, uint64_t max) {
    spec_.min = min;
    spec_.max = max;
    return *this;
  }
  Key& atLeast(uint64_t min) {
    spec_.min = min;
    return *this;
  }
  Key& choices(std::vector<std::string> words) {
    spec_.choices = std::move(words);
    return *this;
  }
  Key& rule(std::string text) {
    spec_.rule = std::move(text);
    return *this;
  }
  Key& section(std::string id) {
    spec_.section = std::move(id);
    return *this;
  }
  operator KeySpec() const { return spec_; }  // NOLINT: the builder's purpose

 private:
  KeySpec spec_;
};

std::string doubleQuoted(std::string_view text) {
  std::string out = "\"";
  out.append(text).append("\"");
  return out;
}

std::string globList(const std::vector<std::string>& globs) {
  std::string out = "[";
  for (size_t i = 0; i < globs.size(); ++i) {
    if (i > 0) out.append(", ");
    out.append(doubleQuoted(globs[i]));
  }
  out.append("]");
  return out;
}

std::string number(uint64_t value) { return std::to_string(value); }

SectionSpec topSection() {
  const BridgeConfig defaults;
  SectionSpec s;
  s.id = "top";
  s.heading = "Top level";
  s.description =
      "The keys of bridge.yaml itself. Only `spool` is required; a configuration with no "
      "sources accepts nothing, and one with no routes delivers nothing.";
  s.keys = {
      Key("spool", ValueType::kMapping, "Where accepted items are stored until delivered.")
          .required()
          .section("spool"),
      Key("schemas", ValueType::kPath,
          "The schema directory: the transaction-set and message schemas that validate "
          "inbound documents (docs/schema-format.md).")
          .defaultNote("the installed schemas")
          .example("/usr/share/edi-bridge/schemas")
          .rule("an existing directory (checked by `check-config`)"),
      Key("partners", ValueType::kPath,
          "The directory of partner profiles, one `<id>.yaml` per partner "
          "(docs/partner-profiles.md). Partner ids used anywhere in this file must be "
          "profiles there.")
          .defaultNote("none: interchanges are answered with the default ack settings, and "
                       "no partner may be named in this file")
          .example("partners/")
          .rule("an existing directory (checked by `check-config`)"),
      Key("mappings", ValueType::kPath,
          "The mapping directory: the mapping files routes name, each with its tests "
          "(docs/mapping-language.md). The daemon runs a frozen copy of it, activated at start "
          "and on reload only when every mapping compiles and every test passes.")
          .defaultNote("none: routes deliver the parse-v1 JSON form and may not name a mapping")
          .example("mappings/")
          .rule("an existing directory (checked by `check-config`)"),
      Key("contracts", ValueType::kPath,
          "The canonical contracts (JSON Schema) that mapped documents are validated against "
          "before delivery (docs/contracts.md).")
          .defaultNote("the installed contracts")
          .example("/usr/share/edi-bridge/contracts")
          .rule("an existing directory (checked by `check-config`)"),
      Key("batch_size", ValueType::kCount,
          "How many items are processed per durable commit. Larger batches mean fewer "
          "fsyncs, smaller ones less work repeated after a crash.")
          .byDefault(number(defaults.batchSize))
          .example(number(defaults.batchSize))
          .range(1, 10000),
      Key("sources", ValueType::kMappingList, "Where inbound files come from.")
          .defaultNote("none")
          .section("sources"),
      Key("targets", ValueType::kMappingList, "Where documents and acknowledgements go.")
          .defaultNote("none")
          .section("targets"),
      Key("routes", ValueType::kMappingList, "Which targets receive which transactions.")
          .defaultNote("none")
          .section("routes"),
      Key("acks", ValueType::kMapping,
          "Where the acknowledgements the bridge writes (TA1, 997, 999, CONTRL) are delivered.")
          .defaultNote("none")
          .section("acks"),
      Key("duplicates", ValueType::kMapping, "How long an interchange is remembered as seen.")
          .defaultNote("a 30-day window")
          .section("duplicates"),
  };
  return s;
}

SectionSpec spoolSection() {
  const SpoolSettings defaults;
  SectionSpec s;
  s.id = "spool";
  s.heading = "`spool`";
  s.description =
      "The spool holds every accepted item, durably, until all its deliveries are done, with "
      "its state and history. Intake pauses (files stay where they are) while the spool is "
      "over one of its limits.";
  s.exampleOpening = "spool:\n";
  s.exampleIndent = "  ";
  s.keys = {
      Key("directory", ValueType::kPath,
          "The spool directory: payload files and the state database. Created when missing. "
          "Keep it on a local file system that survives reboots.")
          .required()
          .example("/var/spool/edi-bridge")
          .rule("a directory, if it exists"),
      Key("max_active_items", ValueType::kCount,
          "Intake pauses while this many items are received or being delivered.")
          .byDefault(number(defaults.maxActiveItems))
          .example(number(defaults.maxActiveItems))
          .range(1, 10000000),
      Key("max_active_bytes", ValueType::kSize,
          "Intake pauses while the payloads of those items add up to more than this.")
          .byDefault(formatSize(defaults.maxActiveBytes))
          .example(formatSize(defaults.maxActiveBytes))
          .atLeast(1),
      Key("min_free_bytes", ValueType::kSize,
          "Intake pauses while the spool's file system has less free space than this. 0 "
          "turns the check off.")
          .byDefault(formatSize(defaults.minFreeBytes))
          .example(formatSize(defaults.minFreeBytes)),
      Key("max_item_bytes", ValueType::kSize, "A larger payload is refused.")
          .byDefault(formatSize(defaults.maxItemBytes))
          .example(formatSize(defaults.maxItemBytes))
          .atLeast(1)
          .rule("at most `max_active_bytes`"),
      Key("max_attempts", ValueType::kCount,
          "A delivery is dead-lettered after this many failed attempts.")
          .byDefault(number(defaults.maxAttempts))
          .example(number(defaults.maxAttempts))
          .range(1, 1000),
      Key("retry_initial", ValueType::kDuration,
          "The wait before the first retry of a failed delivery; doubled after each further "
          "failure.")
          .byDefault(formatDuration(defaults.retryInitialMs))
          .example(formatDuration(defaults.retryInitialMs))
          .atLeast(1),
      Key("retry_max", ValueType::kDuration, "The longest wait between two attempts.")
          .byDefault(formatDuration(defaults.retryMaxMs))
          .example(formatDuration(defaults.retryMaxMs))
          .atLeast(1)
          .rule("at least `retry_initial`"),
      Key("dead_after", ValueType::kDuration,
          "A delivery still failing this long after its first attempt is dead-lettered, "
          "whatever the number of attempts.")
          .byDefault(formatDuration(defaults.deadAfterMs))
          .example(formatDuration(defaults.deadAfterMs))
          .atLeast(1),
  };
  return s;
}

SectionSpec sourcesSection() {
  const DirectorySourceSettings defaults;
  SectionSpec s;
  s.id = "sources";
  s.heading = "`sources`";
  s.description =
      "Each entry is a directory the bridge takes inbound files from. A file is taken once it "
      "is complete (its done file exists, or its size and time stopped changing), stored in "
      "the spool, and only then removed or archived.";
  s.exampleOpening = "sources:\n  - ";
  s.exampleIndent = "    ";
  s.keys = {
      Key("name", ValueType::kName, "Names the source in routes, logs and the spool.")
          .required()
          .example("suppliers")
          .rule("unique among sources"),
      Key("type", ValueType::kChoice, "The kind of source.")
          .required()
          .example("directory")
          .choices({"directory"}),
      Key("path", ValueType::kPath,
          "The watched directory. Only files directly in it are taken, not those in "
          "subdirectories.")
          .required()
          .example("inbound/suppliers")
          .rule("a directory, if it exists; no other source's `path`, no target's `path`"),
      Key("archive", ValueType::kPath,
          "Where taken files are moved once they are in the spool; without it they are "
          "removed.")
          .defaultNote("none: taken files are removed")
          .example("archive/suppliers")
          .rule("a directory, if it exists; not the source's own `path`"),
      Key("ignore", ValueType::kGlobList,
          "Files whose names match one of these patterns are never taken (temporary and "
          "hidden files). The list replaces the default; write `[]` to take everything.")
          .byDefault(globList(defaults.ignore))
          .example(globList(defaults.ignore)),
      Key("mapping", ValueType::kName,
          "Files here are documents for this mapping, not EDI interchanges: canonical JSON, CSV, "
          "fixed-width or XML files from a legacy system. Each document it produces is routed "
          "(match `source`, `partner`, and `set` = the mapping's target) like a transaction.")
          .defaultNote("none: the files are X12 or EDIFACT interchanges")
          .example("invoice-x12-810")
          .rule("the `mapping` name of a file in `mappings`"),
      Key("partner", ValueType::kPartnerId,
          "With `mapping`: the partner the documents are for; an outbound EDI mapping addresses "
          "its interchange with this partner's profile.")
          .defaultNote("none")
          .example("abcco")
          .rule("a partner profile id in `partners`"),
      Key("done_suffix", ValueType::kString,
          "When set, a file `X` is taken only once `X` followed by this suffix exists (the "
          "partner writes the done file after `X` is complete); the done file is removed with "
          "it. Empty: files are taken when they are stable (`stable_for`).")
          .byDefault(doubleQuoted(defaults.doneSuffix))
          .example(doubleQuoted(".done"))
          .rule("no `/`"),
      Key("stable_for", ValueType::kDuration,
          "Without done files, a file is taken once its size and modification time have not "
          "changed for this long.")
          .byDefault(formatDuration(defaults.stableForMs))
          .example(formatDuration(defaults.stableForMs))
          .atLeast(1),
      Key("rescan_every", ValueType::kDuration,
          "The directory is listed again at least this often, in case a change notification "
          "was missed.")
          .byDefault(formatDuration(defaults.rescanEveryMs))
          .example(formatDuration(defaults.rescanEveryMs))
          .atLeast(1),
      Key("max_file_bytes", ValueType::kSize,
          "A larger file is not taken; it is reported in the log and left in place.")
          .byDefault(formatSize(defaults.maxFileBytes))
          .example(formatSize(defaults.maxFileBytes))
          .atLeast(1)
          .rule("at most `spool.max_item_bytes`"),
  };
  return s;
}

SectionSpec targetsSection() {
  SectionSpec s;
  s.id = "targets";
  s.heading = "`targets`";
  s.description =
      "Each entry is a place the bridge delivers to. `type` selects the kind of target, and "
      "with it the keys the entry takes besides `name`, `type` and `path` (next sections); a "
      "key of another type is an error.";
  s.exampleOpening = "targets:\n  - ";
  s.exampleIndent = "    ";
  s.keys = {
      Key("name", ValueType::kName, "Names the target in routes, acks and the spool.")
          .required()
          .example("erp-events")
          .rule("unique among targets"),
      Key("type", ValueType::kChoice, "The kind of target.")
          .required()
          .example("event-log")
          .choices({"folder", "event-log"}),
      Key("path", ValueType::kPath,
          "The directory the target writes to: for `folder` the root of the file names, for "
          "`event-log` the directory of the log files.")
          .required()
          .example("events/")
          .rule("a directory, if it exists; not the `path` of a source"),
  };
  return s;
}

SectionSpec folderSection() {
  const FolderTargetSettings defaults;
  SectionSpec s;
  s.id = "targets.folder";
  s.heading = "`targets` of type `folder`";
  s.description =
      "Writes each document as a file under `path` (an outbound folder another system or a "
      "partner connection picks up). Delivering the same document again writes the same "
      "name, so a template should contain `{key}`, or other fields that tell documents "
      "apart.";
  s.exampleOpening =
      "targets:\n  - name: partner-outbound\n    type: folder\n    path: outbound/\n";
  s.exampleIndent = "    ";
  s.keys = {
      Key("file_name", ValueType::kTemplate, "The name of each file, relative to `path`.")
          .byDefault(doubleQuoted(defaults.fileName))
          .example(doubleQuoted(defaults.fileName)),
      Key("partner_file_names", ValueType::kPartnerTemplates,
          "Names for the documents of some partners, in place of `file_name`.")
          .defaultNote("none")
          .rule("keys are partner profile ids")
          .example("{ abcco: \"ABCCO/{kind}_{control}.{ext}\" }"),
  };
  return s;
}

SectionSpec eventLogSection() {
  const EventLogTargetSettings defaults;
  SectionSpec s;
  s.id = "targets.event-log";
  s.heading = "`targets` of type `event-log`";
  s.description =
      "Appends each document as a CloudEvents JSON line to a log file in `path`, for an "
      "event platform or the ERP to consume.";
  s.exampleOpening = "targets:\n  - name: erp-events\n    type: event-log\n    path: events/\n";
  s.exampleIndent = "    ";
  s.keys = {
      Key("file_name", ValueType::kFileName, "The name of the log file being written.")
          .byDefault(defaults.fileName)
          .example(defaults.fileName),
      Key("rotate_bytes", ValueType::kSize,
          "The log file is closed and a new one begun when it would grow past this.")
          .byDefault(formatSize(defaults.rotateBytes))
          .example(formatSize(defaults.rotateBytes))
          .atLeast(1),
      Key("event_source", ValueType::kString,
          "The CloudEvents `source` attribute of every event (a URI naming this bridge).")
          .byDefault(defaults.eventSource)
          .example("urn:edi-bridge:demo")
          .rule("not empty, no spaces"),
  };
  return s;
}

SectionSpec routesSection() {
  SectionSpec s;
  s.id = "routes";
  s.heading = "`routes`";
  s.description =
      "Each entry sends the transactions it matches to its targets. A transaction goes to the "
      "targets of every route that matches it, each target once; one that no route matches is "
      "delivered nowhere.";
  s.exampleOpening = "routes:\n  - ";
  s.exampleIndent = "    ";
  s.keys = {
      Key("name", ValueType::kName, "Names the route in logs and provenance.")
          .required()
          .example("supplier-orders")
          .rule("unique among routes"),
      Key("match", ValueType::kMapping,
          "Which transactions the route takes; every key given must equal the transaction's.")
          .defaultNote("every transaction")
          .example("{ source: suppliers, partner: abcco, standard: x12, set: \"850\", version: "
                   "\"004010\" }")
          .section("routes.match"),
      Key("targets", ValueType::kNameList, "The targets that receive the matched transactions.")
          .required()
          .example("[erp-events]")
          .rule("at least one; each a `name` of `targets`, none twice"),
      Key("mapping", ValueType::kName,
          "The mapping that translates each matched transaction; the targets then receive the "
          "canonical document it produces, validated against its contract.")
          .defaultNote("none: the targets receive the parse-v1 JSON form of the transaction")
          .example("x12-850-order")
          .rule("the `mapping` name of a file in `mappings`"),
  };
  return s;
}

SectionSpec matchSection() {
  SectionSpec s;
  s.id = "routes.match";
  s.heading = "`routes` `match`";
  s.description = "Each key left out matches anything.";
  s.exampleOpening = "routes:\n  - name: supplier-orders\n    targets: [erp-events]\n    match:\n";
  s.exampleIndent = "      ";
  s.keys = {
      Key("source", ValueType::kName, "The source the file came from.")
          .defaultNote("any")
          .example("suppliers")
          .rule("a `name` of `sources`"),
      Key("partner", ValueType::kPartnerId, "The partner that sent the interchange.")
          .defaultNote("any")
          .example("abcco")
          .rule("a partner profile id in `partners`"),
      Key("standard", ValueType::kChoice, "The standard of the interchange.")
          .defaultNote("any")
          .example("x12")
          .choices({"x12", "edifact"}),
      Key("set", ValueType::kString,
          "The X12 transaction set or EDIFACT message type. Quote numbers: `\"850\"`.")
          .defaultNote("any")
          .example("\"850\"")
          .rule("letters and digits"),
      Key("version", ValueType::kString,
          "The version: the X12 GS08 (`004010`, `005010X222A1`) or the EDIFACT directory "
          "(`D96A`). Quote numbers: `\"004010\"`.")
          .defaultNote("any")
          .example("\"004010\"")
          .rule("letters and digits"),
  };
  return s;
}

SectionSpec acksSection() {
  SectionSpec s;
  s.id = "acks";
  s.heading = "`acks`";
  s.description =
      "The acknowledgements the bridge writes for inbound interchanges are delivered like "
      "documents, to a target.";
  s.exampleOpening = "acks:\n";
  s.exampleIndent = "  ";
  s.keys = {
      Key("target", ValueType::kName,
          "The target of the acknowledgements of partners not listed in `partners`.")
          .defaultNote("none: those acknowledgements are not delivered")
          .example("partner-outbound")
          .rule("a `name` of `targets`"),
      Key("partners", ValueType::kPartnerTargets, "A target per partner, in place of `target`.")
          .defaultNote("none")
          .example("{ abcco: partner-outbound }")
          .rule("keys are partner profile ids, values `name`s of `targets`"),
  };
  return s;
}

SectionSpec duplicatesSection() {
  const DuplicateSettings defaults;
  SectionSpec s;
  s.id = "duplicates";
  s.heading = "`duplicates`";
  s.description =
      "An interchange whose sender, receiver and control number were seen within the window is "
      "held as a duplicate instead of being processed again.";
  s.exampleOpening = "duplicates:\n";
  s.exampleIndent = "  ";
  s.keys = {
      Key("window", ValueType::kDuration, "How long an interchange is remembered.")
          .byDefault(formatDuration(defaults.windowMs))
          .example(formatDuration(defaults.windowMs))
          .atLeast(1),
      Key("partners", ValueType::kPartnerDurations, "A window per partner, in place of `window`.")
          .defaultNote("none")
          .example("{ abcco: 90d }")
          .atLeast(1)
          .rule("keys are partner profile ids"),
  };
  return s;
}

}  // namespace

std::string_view valueTypeName(ValueType type) {
  switch (type) {
    case ValueType::kMapping:
      return "mapping";
    case ValueType::kMappingList:
      return "list of mappings";
    case ValueType::kString:
      return "string";
    case ValueType::kName:
      return "name";
    case ValueType::kPartnerId:
      return "partner id";
    case ValueType::kChoice:
      return "one of";
    case ValueType::kPath:
      return "path";
    case ValueType::kDuration:
      return "duration";
    case ValueType::kSize:
      return "size";
    case ValueType::kCount:
      return "count";
    case ValueType::kGlobList:
      return "list of globs";
    case ValueType::kNameList:
      return "list of names";
    case ValueType::kFileName:
      return "file name";
    case ValueType::kTemplate:
      return "file name template";
    case ValueType::kPartnerTemplates:
      return "map of partner to template";
    case ValueType::kPartnerTargets:
      return "map of partner to target";
    case ValueType::kPartnerDurations:
      return "map of partner to duration";
  }
  return "value";
}

std::string_view valueTypeDescription(ValueType type) {
  switch (type) {
    case ValueType::kMapping:
      return "a block of keys, indented under its name, or written `{ key: value, ... }`.";
    case ValueType::kMappingList:
      return "a list of blocks, each entry beginning with `- `.";
    case ValueType::kString:
      return "a single value. Quote it (`\"...\"`) when it begins with a character YAML "
             "gives a meaning, such as `{`, `[`, `*`, `&` or `!`, or when it is a number with "
             "leading zeros.";
    case ValueType::kName:
      return "letters, digits, `.`, `_` and `-` (`suppliers`, `erp-events`).";
    case ValueType::kPartnerId:
      return "the `id` of a partner profile: lower-case letters, digits, `-` and `_` "
             "(`abcco`).";
    case ValueType::kChoice:
      return "one of the words listed for the key.";
    case ValueType::kPath:
      return "a file system path. A relative path is taken from the directory of the "
             "configuration file, not from the directory the daemon runs in; `~` is not "
             "expanded.";
    case ValueType::kDuration:
      return "a whole number and a unit: `ms`, `s`, `m`, `h` or `d` (`250ms`, `5s`, `10m`, "
             "`2h`, `30d`).";
    case ValueType::kSize:
      return "a whole number of bytes, optionally followed by `KiB`, `MiB`, `GiB` or `TiB` "
             "(`512`, `64KiB`, `10MiB`, `1GiB`). Units are binary (1KiB = 1024 bytes); `KB`, "
             "`MB` and `GB` are refused, so that nobody has to guess which was meant.";
    case ValueType::kCount:
      return "a whole number.";
    case ValueType::kGlobList:
      return "a list of file-name patterns, matched against the file name only: `*` matches "
             "any run of characters, `?` any one character. Quote patterns that begin with "
             "`*`.";
    case ValueType::kNameList:
      return "a list of names, `[a, b]` or one `- name` per line.";
    case ValueType::kFileName:
      return "a single file name: no `/`, not `.` or `..`.";
    case ValueType::kTemplate:
      return "a file name relative to the target's directory, in which each `{field}` is "
             "replaced per document; `/` makes subdirectories. Neither absolute nor with a "
             "`..` component. Quote it: it usually begins with `{`.";
    case ValueType::kPartnerTemplates:
      return "a mapping from partner id (the `id` of a partner profile) to a file name "
             "template.";
    case ValueType::kPartnerTargets:
      return "a mapping from partner id to the name of a target.";
    case ValueType::kPartnerDurations:
      return "a mapping from partner id to a duration.";
  }
  return "";
}

const std::vector<TemplateField>& templateFields() {
  static const std::vector<TemplateField> fields = {
      {"partner", "the id of the partner profile of the interchange"},
      {"kind", "`transaction` or `ack`"},
      {"standard", "`x12` or `edifact`"},
      {"set", "the transaction set or message type (`850`, `ORDERS`)"},
      {"version", "the version (`004010`, `D96A`)"},
      {"control", "the control number of the transaction set, message or acknowledgement"},
      {"item", "the id of the spool item the document came from"},
      {"key", "the idempotency key: the same on every replay, different for every document"},
      {"ext", "the file extension that fits the content (`json` for a JSON document)"},
  };
  return fields;
}

const std::vector<SectionSpec>& configSpec() {
  static const std::vector<SectionSpec> spec = {
      topSection(),      spoolSection(),  sourcesSection(), targetsSection(), folderSection(),
      eventLogSection(), routesSection(), matchSection(),   acksSection(),    duplicatesSection(),
  };
  return spec;
}

const SectionSpec& sectionSpec(std::string_view id) {
  for (const SectionSpec& section : configSpec()) {
    if (section.id == id) return section;
  }
  throw std::out_of_range("no configuration section '" + std::string(id) + "'");
}

const KeySpec* findKey(const SectionSpec& section, std::string_view name) {
  for (const KeySpec& key : section.keys) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

std::string describeRule(const KeySpec& key) {
  std::string out;
  switch (key.type) {
    case ValueType::kCount:
      out = "from " + std::to_string(key.min) + " to " + std::to_string(key.max);
      break;
    case ValueType::kDuration:
    case ValueType::kSize:
      if (key.min > 0) out = "more than 0";
      break;
    case ValueType::kPartnerDurations:
      if (key.min > 0) out = "each duration more than 0";
      break;
    case ValueType::kChoice:
      for (size_t i = 0; i < key.choices.size(); ++i) {
        if (i > 0) out.append(i + 1 == key.choices.size() ? " or " : ", ");
        out.append("`").append(key.choices[i]).append("`");
      }
      break;
    default:
      break;
  }
  if (!key.rule.empty()) {
    if (!out.empty()) out.append("; ");
    out.append(key.rule);
  }
  return out;
}

std::string sectionExample(const SectionSpec& section) {
  std::string out = section.exampleOpening;
  bool first = out.size() >= 2 && out.compare(out.size() - 2, 2, "- ") == 0;
  for (const KeySpec& key : section.keys) {
    if (key.example.empty()) continue;
    if (!first) out.append(section.exampleIndent);
    first = false;
    out.append(key.name).append(": ").append(key.example).append("\n");
  }
  return out;
}

namespace {

// Table cells are one line; '|' would end the cell.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out.append("\\|");
    } else {
      out.push_back(c == '\n' ? ' ' : c);
    }
  }
  return out;
}

std::string code(std::string_view text) {
  std::string out = "`";
  out.append(text).append("`");
  return out;
}

std::string anchorOf(const SectionSpec& section) {
  std::string out = "#";
  for (char c : section.heading) {
    if (c == ' ' || c == '-') {
      out.push_back('-');
    } else if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_') {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

std::string typeCell(const KeySpec& key) {
  std::string out(valueTypeName(key.type));
  if (!key.section.empty()) {
    const SectionSpec& section = sectionSpec(key.section);
    out = "[" + out + "](" + anchorOf(section) + ")";
  }
  return out;
}

std::string defaultCell(const KeySpec& key) {
  if (key.required) return "required";
  if (!key.defaultValue.empty()) return code(key.defaultValue);
  if (!key.defaultNote.empty()) return key.defaultNote;
  return "none";
}

std::string descriptionCell(const KeySpec& key) {
  std::string out = key.description;
  const std::string rule = describeRule(key);
  if (!rule.empty()) out.append(" Rule: ").append(rule).append(".");
  return cell(out);
}

void appendSection(const SectionSpec& section, std::string& out) {
  out.append("\n## ").append(section.heading).append("\n\n");
  out.append(section.description).append("\n\n");
  out.append("| Key | Type | Default | Description |\n|---|---|---|---|\n");
  for (const KeySpec& key : section.keys) {
    out.append("| ")
        .append(code(key.name))
        .append(" | ")
        .append(typeCell(key))
        .append(" | ")
        .append(cell(defaultCell(key)))
        .append(" | ")
        .append(descriptionCell(key))
        .append(" |\n");
  }
  const std::string example = sectionExample(section);
  if (!example.empty()) out.append("\n```yaml\n").append(example).append("```\n");
}

}  // namespace

std::string configurationReference() {
  std::string out = "# Reference\n\n";
  out.append(
      "Every key of bridge.yaml, block by block. A key left out takes its default; a key not "
      "listed here is an error.\n\n## Value types\n\n");
  const ValueType types[] = {ValueType::kString,
                             ValueType::kName,
                             ValueType::kPartnerId,
                             ValueType::kChoice,
                             ValueType::kPath,
                             ValueType::kDuration,
                             ValueType::kSize,
                             ValueType::kCount,
                             ValueType::kGlobList,
                             ValueType::kNameList,
                             ValueType::kFileName,
                             ValueType::kTemplate,
                             ValueType::kMapping,
                             ValueType::kMappingList,
                             ValueType::kPartnerTemplates,
                             ValueType::kPartnerTargets,
                             ValueType::kPartnerDurations};
  for (ValueType type : types) {
    out.append("- **").append(valueTypeName(type)).append("**: ");
    out.append(valueTypeDescription(type)).append("\n");
  }
  out.append("\nThe fields of a file name template:\n\n");
  for (const TemplateField& field : templateFields()) {
    out.append("- `{").append(field.name).append("}`: ").append(field.meaning).append("\n");
  }
  for (const SectionSpec& section : configSpec()) appendSection(section, out);
  return out;
}

}  // namespace bridge::config
