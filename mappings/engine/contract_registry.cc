// ContractRegistry: loads the contract schemas and turns valijson's results into findings.
//
// valijson reports every failure as a chain: the failing value ("<root>", "[lines]", "[0]",
// "[quantity]": "Value type not permitted") followed by one "failed to validate" wrapper
// per enclosing object and array. The wrappers repeat the same problem, so they are dropped
// whenever a more specific error explains them, and the remaining errors are reworded with
// what the schema expects (the type, the allowed values, the title of a pattern) and what the
// document holds. Reading the schema for that is done by following the document's path
// through "properties", "items" and local "$ref"s of the schema JSON, which the registry keeps.

// Without exceptions valijson aborts the process on a schema it cannot parse; a bad
// contract file must be an error message instead.
#ifndef VALIJSON_USE_EXCEPTIONS
#define VALIJSON_USE_EXCEPTIONS 1
#endif
#if !VALIJSON_USE_EXCEPTIONS
#error "contract_registry.cc needs VALIJSON_USE_EXCEPTIONS=1"
#endif

#include "mappings/engine/contract_registry.h"

#include "parsers/edi/json_segment.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace bridge::mappings {

namespace fs = std::filesystem;
using nlohmann::json;

struct ContractRegistry::Contract {
  fs::path file;
  json schemaJson;  // kept to word findings; valijson's form does not expose it
  valijson::Schema schema;
};

// valijson::Validator caches compiled patterns in a plain map, so one validator must never
// serve two threads at once. Validators are lent out one per call and returned afterwards,
// which keeps the compiled patterns across calls.
class ContractRegistry::ValidatorPool {
 public:
  std::unique_ptr<valijson::Validator> acquire() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle_.empty()) return std::make_unique<valijson::Validator>();
    std::unique_ptr<valijson::Validator> validator = std::move(idle_.back());
    idle_.pop_back();
    return validator;
  }

  void release(std::unique_ptr<valijson::Validator> validator) {
    std::lock_guard<std::mutex> lock(mutex_);
    // More idle validators than this only happens after a burst of threads; each one holds
    // every compiled pattern, so the surplus is dropped.
    if (idle_.size() < kMaxIdle) idle_.push_back(std::move(validator));
  }

 private:
  static constexpr size_t kMaxIdle = 16;
  std::mutex mutex_;
  std::vector<std::unique_ptr<valijson::Validator>> idle_;
};

namespace {

constexpr std::string_view kSchemaSuffix = ".schema.json";
constexpr size_t kMaxValueChars = 60;  // longer values are cut in messages

// ---------------------------------------------------------------------------- loading

core::Result<std::string> readFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return core::Status::ioError("cannot open contract schema '" + file.string() +
                                 "': " + std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return core::Status::ioError("cannot read contract schema '" + file.string() +
                                 "': " + std::strerror(errno));
  }
  return text.str();
}

// 1-based line and column of the byte nlohmann reports (1-based, the byte it stopped at).
std::pair<size_t, size_t> lineAndColumn(std::string_view text, size_t byte) {
  const size_t end = std::min(byte == 0 ? 0 : byte - 1, text.size());
  size_t line = 1;
  size_t lineStart = 0;
  for (size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      lineStart = i + 1;
    }
  }
  return {line, end - lineStart + 1};
}

// nlohmann's message without its "[json.exception...] parse error at line 3, column 5: "
// preamble, which would repeat the position this code reports itself.
std::string parseErrorDetail(const std::string& what) {
  const size_t colon = what.find(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

// valijson compiles "pattern" only when a document first reaches it, so a broken regular
// expression would surface as a failure on some later document; compile them all up front.
core::Status checkPatterns(const json& node, const std::string& pointer, const fs::path& file) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      const std::string childPointer = pointer + "/" + parsers::edi::jsonPointerToken(key);
      if (key == "pattern" && value.is_string()) {
        try {
          std::regex compiled(value.get<std::string>());
        } catch (const std::regex_error& error) {
          return core::Status::invalidArgument(
              file.string() + ": the pattern at schema pointer '" + childPointer +
              "' is not a valid regular expression (" + error.what() + "); fix the pattern");
        }
        continue;
      }
      core::Status status = checkPatterns(value, childPointer, file);
      if (!status.isOk()) return status;
    }
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) {
      core::Status status = checkPatterns(node[i], pointer + "/" + std::to_string(i), file);
      if (!status.isOk()) return status;
    }
  }
  return core::Status::ok();
}

// ---------------------------------------------------------------------------- schema walking

// Follows local "$ref"s ("#/definitions/party"); null for a reference it cannot resolve.
// The node a local JSON pointer ("/definitions/party") names, or null.
const json* pointed(const json& root, std::string_view pointer) {
  const json* node = &root;
  while (!pointer.empty()) {
    if (pointer[0] != '/' || !node->is_object()) return nullptr;
    pointer.remove_prefix(1);
    const size_t end = std::min(pointer.find('/'), pointer.size());
    std::string token(pointer.substr(0, end));
    pointer.remove_prefix(end);
    for (size_t at = token.find('~'); at != std::string::npos; at = token.find('~', at + 1)) {
      if (at + 1 < token.size() && (token[at + 1] == '0' || token[at + 1] == '1')) {
        token.replace(at, 2, token[at + 1] == '0' ? "~" : "/");
      }
    }
    auto found = node->find(token);
    if (found == node->end()) return nullptr;
    node = &*found;
  }
  return node;
}

// Follows local "$ref"s ("#/definitions/party"); null for a reference it cannot resolve.
const json* resolveRef(const json& root, const json* node) {
  for (int hop = 0; node != nullptr && hop < 16; ++hop) {
    if (!node->is_object()) return node;
    auto ref = node->find("$ref");
    if (ref == node->end() || !ref->is_string()) return node;
    const std::string& target = ref->get_ref<const std::string&>();
    if (target.empty() || target[0] != '#') return nullptr;
    node = pointed(root, std::string_view(target).substr(1));
  }
  return nullptr;
}

// The subschema that applies to member `token` of a value validated by `schema`.
const json* childSchema(const json& root, const json* schema, const std::string& token,
                        bool isIndex) {
  schema = resolveRef(root, schema);
  if (schema == nullptr || !schema->is_object()) return nullptr;
  if (isIndex) {
    auto items = schema->find("items");
    if (items != schema->end() && items->is_object()) return resolveRef(root, &*items);
    return nullptr;
  }
  auto properties = schema->find("properties");
  if (properties != schema->end() && properties->is_object()) {
    auto property = properties->find(token);
    if (property != properties->end()) return resolveRef(root, &*property);
  }
  auto additional = schema->find("additionalProperties");
  if (additional != schema->end() && additional->is_object()) {
    return resolveRef(root, &*additional);
  }
  return nullptr;
}

// Where a valijson error points: the path as JSON pointer tokens, the value found there and
// the schema that applies to it. value and schema are null where they cannot be followed.
struct Location {
  std::vector<std::string> tokens;
  const json* value = nullptr;
  const json* schema = nullptr;
};

bool allDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

// `withSchema` false skips the schema walk for errors whose wording does not need it.
Location locate(const json& document, const json& schemaRoot,
                const std::vector<std::string>& context, bool withSchema) {
  Location location;
  location.value = &document;
  location.schema = withSchema ? resolveRef(schemaRoot, &schemaRoot) : nullptr;
  for (size_t i = 1; i < context.size(); ++i) {  // context[0] is "<root>"
    const std::string& part = context[i];
    std::string token = part.size() >= 2 && part.front() == '[' && part.back() == ']'
                            ? part.substr(1, part.size() - 2)
                            : part;
    const json* value = location.value;
    const bool isIndex = value != nullptr && value->is_array();
    const json* next = nullptr;
    if (isIndex) {
      if (allDigits(token) && token.size() < 10 && std::stoul(token) < value->size()) {
        next = &(*value)[std::stoul(token)];
      }
    } else if (value != nullptr && value->is_object()) {
      auto found = value->find(token);
      if (found != value->end()) next = &*found;
    }
    location.schema = childSchema(schemaRoot, location.schema, token, isIndex);
    location.value = next;
    location.tokens.push_back(std::move(token));
  }
  return location;
}

// ---------------------------------------------------------------------------- wording

std::string singleQuoted(const std::string& name) { return "'" + name + "'"; }

std::string valueText(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > kMaxValueChars) {
    size_t cut = kMaxValueChars;  // never split a UTF-8 sequence
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    text += "...";
  }
  return text;
}

std::string typeName(const json& value) {
  if (value.is_number()) return "number";
  return value.type_name();  // "string", "boolean", "null", "object", "array"
}

std::string withArticle(const std::string& type) {
  if (type == "null") return "null";
  if (type == "integer" || type == "object" || type == "array") return "an " + type;
  return "a " + type;
}

const json* member(const json* schema, const char* key) {
  if (schema == nullptr || !schema->is_object()) return nullptr;
  auto found = schema->find(key);
  return found == schema->end() ? nullptr : &*found;
}

size_t codePoints(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string typeMessage(const Location& at) {
  std::string expected;
  if (const json* type = member(at.schema, "type")) {
    const json types = type->is_array() ? *type : json::array({*type});
    for (const json& name : types) {
      if (!name.is_string()) continue;
      if (!expected.empty()) expected += " or ";
      expected += withArticle(name.get<std::string>());
    }
  }
  const std::string actual =
      at.value != nullptr ? withArticle(typeName(*at.value)) + " (" + valueText(*at.value) + ")"
                          : "a value of another type";
  if (expected.empty()) return "has the wrong type: " + actual;
  return "must be " + expected + ", not " + actual;
}

std::string enumMessage(const Location& at) {
  const std::string value = at.value != nullptr ? valueText(*at.value) : "the value";
  const json* allowed = member(at.schema, "enum");
  if (allowed == nullptr || !allowed->is_array()) return value + " is not an allowed value";
  std::string list;
  for (const json& option : *allowed) list += (list.empty() ? "" : ", ") + valueText(option);
  return value + " is not one of: " + list;
}

std::string patternMessage(const Location& at) {
  const std::string value = at.value != nullptr ? valueText(*at.value) : "the value";
  const json* title = member(at.schema, "title");
  if (title != nullptr && title->is_string()) {
    return value + " is not a valid " + title->get<std::string>();
  }
  const json* pattern = member(at.schema, "pattern");
  if (pattern != nullptr && pattern->is_string()) {
    return value + " does not match the pattern " + pattern->get<std::string>();
  }
  return value + " does not match the required pattern";
}

std::string counted(uint64_t count, const std::string& one, const std::string& many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::optional<uint64_t> unsignedMember(const json* schema, const char* key) {
  const json* value = member(schema, key);
  if (value == nullptr || !value->is_number_unsigned()) return std::nullopt;
  return value->get<uint64_t>();
}

std::optional<std::string> sizeMessage(const std::string& description, const Location& at) {
  const json* value = at.value;
  if (value == nullptr) return std::nullopt;
  if (description.rfind("Array should contain no fewer than", 0) == 0 && value->is_array()) {
    auto minimum = unsignedMember(at.schema, "minItems");
    if (!minimum) return std::nullopt;
    if (*minimum == 1) return "must not be empty";
    return "must have at least " + counted(*minimum, "item", "items") + ", has " +
           std::to_string(value->size());
  }
  if (description.rfind("Array should contain no more than", 0) == 0 && value->is_array()) {
    auto maximum = unsignedMember(at.schema, "maxItems");
    if (!maximum) return std::nullopt;
    return "must have at most " + counted(*maximum, "item", "items") + ", has " +
           std::to_string(value->size());
  }
  if (description.rfind("String should be no fewer than", 0) == 0 && value->is_string()) {
    auto minimum = unsignedMember(at.schema, "minLength");
    if (!minimum) return std::nullopt;
    if (*minimum == 1) return "must not be empty";
    return "must be at least " + counted(*minimum, "character", "characters") + " long, is " +
           std::to_string(codePoints(value->get<std::string>()));
  }
  if (description.rfind("String should be no more than", 0) == 0 && value->is_string()) {
    auto maximum = unsignedMember(at.schema, "maxLength");
    if (!maximum) return std::nullopt;
    return "must be at most " + counted(*maximum, "character", "characters") + " long, is " +
           std::to_string(codePoints(value->get<std::string>())) + " (" + valueText(*value) + ")";
  }
  if (description.rfind("Object should have no fewer than", 0) == 0 && value->is_object()) {
    auto minimum = unsignedMember(at.schema, "minProperties");
    const json* properties = member(at.schema, "properties");
    if (minimum && *minimum == 1 && properties != nullptr && properties->is_object()) {
      std::string names;
      for (const auto& [name, unused] : properties->items()) {
        names += (names.empty() ? "" : ", ") + singleQuoted(name);
      }
      return "must contain at least one of " + names;
    }
    if (!minimum) return std::nullopt;
    return "must have at least " + counted(*minimum, "property", "properties") + ", has " +
           std::to_string(value->size());
  }
  return std::nullopt;
}

std::optional<std::string> boundMessage(const std::string& description, const Location& at) {
  struct Bound {
    const char* prefix;
    const char* keyword;
    const char* wording;
  };
  // Longer prefixes first: "greater than or equal to" also starts with "greater than".
  static constexpr Bound kBounds[] = {
      {"Expected number greater than or equal to", "minimum", "must be at least "},
      {"Expected number greater than", "exclusiveMinimum", "must be greater than "},
      {"Expected number less than or equal to", "maximum", "must be at most "},
      {"Expected number less than", "exclusiveMaximum", "must be less than "},
  };
  for (const Bound& bound : kBounds) {
    if (description.rfind(bound.prefix, 0) != 0) continue;
    const json* limit = member(at.schema, bound.keyword);
    if (limit == nullptr || !limit->is_number() || at.value == nullptr) return std::nullopt;
    return bound.wording + limit->dump() + ", is " + valueText(*at.value);
  }
  return std::nullopt;
}

std::string containsMessage(const Location& at) {
  const json* contains = member(at.schema, "contains");
  const json* properties = member(contains, "properties");
  std::string wanted;
  if (properties != nullptr && properties->is_object()) {
    for (const auto& [name, rule] : properties->items()) {
      const json* constant = member(&rule, "const");
      if (constant == nullptr) continue;
      wanted += (wanted.empty() ? "" : " and ") + singleQuoted(name) + " " + valueText(*constant);
    }
  }
  if (wanted.empty()) return "has no entry that matches the contract's 'contains' rule";
  return "must contain an entry with " + wanted;
}

// The property names each branch of an anyOf requires, when every branch only lists
// required properties (e.g. "at least one identifier"); empty otherwise.
std::vector<std::vector<std::string>> requiredOnlyBranches(const json* schema) {
  std::vector<std::vector<std::string>> branches;
  const json* anyOf = member(schema, "anyOf");
  if (anyOf == nullptr || !anyOf->is_array()) return {};
  for (const json& branch : *anyOf) {
    if (!branch.is_object() || branch.size() != 1 || !branch.contains("required") ||
        !branch["required"].is_array()) {
      return {};
    }
    std::vector<std::string> names;
    for (const json& name : branch["required"]) {
      if (name.is_string()) names.push_back(name.get<std::string>());
    }
    branches.push_back(std::move(names));
  }
  return branches;
}

std::string anyOfMessage(const std::vector<std::vector<std::string>>& branches) {
  std::string out;
  for (const auto& names : branches) {
    std::string group;
    for (const std::string& name : names)
      group += (group.empty() ? "" : " and ") + singleQuoted(name);
    out += (out.empty() ? "" : ", ") + group;
  }
  return "at least one of " + out + " is required";
}

size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> previous(b.size() + 1);
  std::vector<size_t> current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      current[j] =
          std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

// The allowed property closest to a misspelled one, if it is close enough to be a typo.
std::optional<std::string> closestName(const std::string& name, const json& properties) {
  std::optional<std::string> best;
  size_t bestDistance = std::max<size_t>(1, std::min<size_t>(3, name.size() / 3)) + 1;
  for (const auto& [candidate, unused] : properties.items()) {
    const size_t distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string unknownPropertyMessage(const std::string& name, const json* properties) {
  std::string message = "unknown property " + singleQuoted(name);
  if (properties == nullptr || !properties->is_object()) return message;
  if (auto suggestion = closestName(name, *properties)) {
    return message + " (did you mean " + singleQuoted(*suggestion) + "?)";
  }
  if (properties->contains("extensions")) {
    return message + "; partner-specific data belongs in 'extensions'";
  }
  return message;
}

// The name valijson quotes in "Missing required property 'x'." and similar messages.
std::string quotedName(const std::string& description) {
  const size_t first = description.find('\'');
  const size_t last = description.rfind('\'');
  if (first == std::string::npos || last <= first) return "";
  return description.substr(first + 1, last - first - 1);
}

// valijson's own wording, as a fallback for constraints the contracts do not use.
std::string plainMessage(std::string description) {
  while (!description.empty() && description.back() == '.') description.pop_back();
  if (!description.empty()) {
    description[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(description[0])));
  }
  return description;
}

bool startsWith(const std::string& text, std::string_view prefix) {
  return text.rfind(prefix, 0) == 0;
}

// Errors that only say "something below failed".
bool isWrapper(const std::string& description) {
  static constexpr std::string_view kWrappers[] = {
      "Failed to validate against schema associated with property name",
      "Failed to validate item #",
      "Failed to validate against additional properties schema",
      "Failed to validate against schema associated with pattern",
      "Failed to validate against child schema #",
      "Failed to validate against dependent schema",
      "Failed to validate against a conditional schema",
      "Cannot validate item #",
  };
  return std::any_of(std::begin(kWrappers), std::end(kWrappers),
                     [&](std::string_view prefix) { return startsWith(description, prefix); });
}

// ---------------------------------------------------------------------------- collapsing

struct Draft {
  std::vector<std::string> tokens;
  std::string message;
  bool wrapper = false;
  // For an anyOf of required-only branches: the names its branches require, whose
  // individual "missing" errors the combined message replaces.
  std::set<std::string> replacesMissing;
};

bool tokenLess(const std::string& a, const std::string& b) {
  if (allDigits(a) && allDigits(b) && a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

bool pathLess(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), tokenLess);
}

std::string toPointer(const std::vector<std::string>& tokens) {
  std::string pointer;
  for (const std::string& token : tokens) pointer += "/" + parsers::edi::jsonPointerToken(token);
  return pointer;
}

void addDrafts(const valijson::ValidationResults::Error& error, const json& document,
               const json& schemaRoot, std::vector<Draft>& drafts) {
  const std::string& description = error.description;
  const bool wrapper = isWrapper(description);
  Location at = locate(document, schemaRoot, error.context,
                       !wrapper && !startsWith(description, "Missing required property"));
  Draft draft;
  draft.tokens = at.tokens;

  if (wrapper) {
    draft.wrapper = true;
    draft.message = "does not match the contract";
  } else if (startsWith(description, "Missing required property")) {
    draft.message = "required property " + singleQuoted(quotedName(description)) + " is missing";
  } else if (startsWith(description, "Object contains a property that could not be validated")) {
    const json* properties = member(at.schema, "properties");
    if (at.value != nullptr && at.value->is_object() && properties != nullptr &&
        properties->is_object()) {
      // valijson names only the first unknown property; report each one.
      for (const auto& [name, unused] : at.value->items()) {
        if (properties->contains(name)) continue;
        Draft unknown;
        unknown.tokens = at.tokens;
        unknown.tokens.push_back(name);
        unknown.message = unknownPropertyMessage(name, properties);
        drafts.push_back(std::move(unknown));
      }
      return;
    }
    const std::string name = quotedName(description);
    draft.tokens.push_back(name);
    draft.message = unknownPropertyMessage(name, properties);
  } else if (startsWith(description, "Value type not permitted")) {
    draft.message = typeMessage(at);
  } else if (startsWith(description, "Failed to match against any enum values")) {
    draft.message = enumMessage(at);
  } else if (startsWith(description, "Failed to match expected value set by 'const'")) {
    const json* constant = member(at.schema, "const");
    draft.message =
        constant != nullptr ? "must be " + valueText(*constant) : plainMessage(description);
  } else if (startsWith(description, "Failed to match regex specified by 'pattern'")) {
    draft.message = patternMessage(at);
  } else if (startsWith(description, "Failed to any values against subschema in 'contains'")) {
    draft.message = containsMessage(at);
  } else if (startsWith(description, "Failed to validate against any schemas allowed by anyOf")) {
    auto branches = requiredOnlyBranches(at.schema);
    if (branches.empty()) {
      draft.message = "does not match any of the forms the contract allows";
    } else {
      draft.message = anyOfMessage(branches);
      for (const auto& names : branches) draft.replacesMissing.insert(names.begin(), names.end());
      if (const json* required = member(at.schema, "required"); required && required->is_array()) {
        for (const json& name : *required) {
          if (name.is_string()) draft.replacesMissing.erase(name.get<std::string>());
        }
      }
    }
  } else if (auto size = sizeMessage(description, at)) {
    draft.message = *size;
  } else if (auto bound = boundMessage(description, at)) {
    draft.message = *bound;
  } else {
    draft.message = plainMessage(description);
  }
  drafts.push_back(std::move(draft));
}

std::vector<ContractFinding> collapse(std::vector<Draft> drafts) {
  // Sorted by path, the drafts about one place are next to each other.
  std::stable_sort(drafts.begin(), drafts.end(),
                   [](const Draft& a, const Draft& b) { return pathLess(a.tokens, b.tokens); });
  std::vector<bool> keep(drafts.size(), true);
  size_t groupStart = 0;  // first draft with the same path as the current one
  for (size_t i = 0; i < drafts.size(); ++i) {
    if (i > 0 && drafts[i].tokens != drafts[i - 1].tokens) groupStart = i;
    const Draft& draft = drafts[i];
    if (!draft.replacesMissing.empty()) {
      // "Missing 'gtin'", "missing 'sku'", ... from the branches of an anyOf say less than
      // the anyOf's own "at least one of" message at the same place.
      for (size_t j = groupStart; j < drafts.size() && drafts[j].tokens == draft.tokens; ++j) {
        if (drafts[j].replacesMissing.empty() && startsWith(drafts[j].message, "required ") &&
            draft.replacesMissing.count(quotedName(drafts[j].message)) > 0) {
          keep[j] = false;
        }
      }
    }
  }
  // A wrapper is explained by any specific error at or below it.
  std::set<std::vector<std::string>> explained;
  for (size_t i = 0; i < drafts.size(); ++i) {
    if (!keep[i] || drafts[i].wrapper) continue;
    std::vector<std::string> path = drafts[i].tokens;
    while (explained.insert(path).second && !path.empty()) path.pop_back();
  }
  for (size_t i = 0; i < drafts.size(); ++i) {
    if (drafts[i].wrapper && explained.count(drafts[i].tokens) > 0) keep[i] = false;
  }
  // Leftover wrappers (a failure valijson did not detail) are reported once per place.
  std::vector<ContractFinding> findings;
  std::set<std::pair<std::string, std::string>> seen;
  for (size_t i = 0; i < drafts.size(); ++i) {
    if (!keep[i]) continue;
    std::string pointer = toPointer(drafts[i].tokens);
    if (!seen.emplace(pointer, drafts[i].message).second) continue;
    findings.push_back({std::move(pointer), std::move(drafts[i].message)});
  }
  return findings;
}

}  // namespace

// ---------------------------------------------------------------------------- registry

ContractRegistry::ContractRegistry() : validators_(std::make_shared<ValidatorPool>()) {}

core::Result<ContractRegistry> ContractRegistry::load(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    return core::Status::notFound("contract folder '" + dir.string() +
                                  "' does not exist; point the bridge at mappings/contracts");
  }
  if (!fs::is_directory(dir, ec)) {
    return core::Status::invalidArgument("contract folder '" + dir.string() +
                                         "' is not a directory");
  }
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string fileName = it->path().filename().string();
    if (fileName.size() < kSchemaSuffix.size() ||
        fileName.compare(fileName.size() - kSchemaSuffix.size(), kSchemaSuffix.size(),
                         kSchemaSuffix) != 0) {
      continue;
    }
    std::error_code typeError;
    if (it->is_regular_file(typeError)) files.push_back(it->path());
  }
  if (ec) {
    return core::Status::ioError("cannot list contract folder '" + dir.string() +
                                 "': " + ec.message());
  }
  if (files.empty()) {
    return core::Status::notFound("contract folder '" + dir.string() +
                                  "' holds no *.schema.json file");
  }
  std::sort(files.begin(), files.end());

  ContractRegistry registry;
  for (const fs::path& file : files) {
    const std::string fileName = file.filename().string();
    const std::string name = fileName.substr(0, fileName.size() - kSchemaSuffix.size());
    if (name.empty()) {
      return core::Status::invalidArgument(file.string() +
                                           ": the file name names no contract; name it "
                                           "<contract>.schema.json, e.g. order.v1.schema.json");
    }
    core::Result<std::string> text = readFile(file);
    if (!text) return text.status();

    auto contract = std::make_shared<Contract>();
    contract->file = file;
    try {
      contract->schemaJson = json::parse(*text);
    } catch (const json::parse_error& error) {
      const auto [line, column] = lineAndColumn(*text, error.byte);
      return core::Status::invalidArgument(file.string() + ":" + std::to_string(line) + ":" +
                                           std::to_string(column) +
                                           ": not valid JSON: " + parseErrorDetail(error.what()));
    }
    if (!contract->schemaJson.is_object()) {
      return core::Status::invalidArgument(file.string() +
                                           ": not a JSON Schema: the top level must be an object");
    }
    if (auto version = contract->schemaJson.find("$schema");
        version != contract->schemaJson.end() &&
        (!version->is_string() ||
         version->get<std::string>().find("draft-07") == std::string::npos)) {
      return core::Status::invalidArgument(
          file.string() + ": \"$schema\" is " + valueText(*version) +
          "; contracts are JSON Schema draft-07 (http://json-schema.org/draft-07/schema#)");
    }
    if (core::Status patterns = checkPatterns(contract->schemaJson, "", file); !patterns.isOk()) {
      return patterns;
    }
    try {
      valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
      valijson::adapters::NlohmannJsonAdapter adapter(contract->schemaJson);
      parser.populateSchema(adapter, contract->schema);
    } catch (const std::exception& error) {
      return core::Status::invalidArgument(file.string() +
                                           ": not a valid JSON Schema: " + error.what());
    }
    registry.contracts_.emplace(name, std::move(contract));
  }
  return registry;
}

bool ContractRegistry::has(std::string_view name) const {
  return contracts_.find(name) != contracts_.end();
}

std::vector<std::string> ContractRegistry::names() const {
  std::vector<std::string> out;
  out.reserve(contracts_.size());
  for (const auto& [name, unused] : contracts_) out.push_back(name);
  return out;
}

core::Result<std::vector<ContractFinding>> ContractRegistry::validate(
    std::string_view contract, const nlohmann::json& document) const {
  auto found = contracts_.find(contract);
  if (found == contracts_.end()) {
    std::string known;
    for (const auto& [name, unused] : contracts_) known += (known.empty() ? "" : ", ") + name;
    return core::Status::notFound("unknown contract '" + std::string(contract) +
                                  "'; known contracts: " + (known.empty() ? "none" : known));
  }
  const Contract& schema = *found->second;

  valijson::ValidationResults results;
  std::unique_ptr<valijson::Validator> validator = validators_->acquire();
  try {
    valijson::adapters::NlohmannJsonAdapter target(document);
    validator->validate(schema.schema, target, &results);
  } catch (const std::exception& error) {
    validators_->release(std::move(validator));
    return core::Status::internal("contract '" + std::string(contract) + "' (" +
                                  schema.file.string() + ") could not be checked: " + error.what() +
                                  "; the schema uses something the validator "
                                  "cannot apply to this document");
  }
  validators_->release(std::move(validator));

  std::vector<Draft> drafts;
  for (const valijson::ValidationResults::Error& error : results) {
    addDrafts(error, document, schema.schemaJson, drafts);
  }
  return collapse(std::move(drafts));
}

}  // namespace bridge::mappings
