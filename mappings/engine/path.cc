#include "mappings/engine/path.h"

#include <cctype>

namespace bridge::mappings {
namespace {

bool isTagChar(char c) {
  return std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c));
}
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Steps may name JSON keys, so more than tag characters are allowed; the
// characters that structure a path are not.
bool isNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '@' ||
         c == '#' || c == ':';
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  core::Result<Path> parse() {
    Path path;
    path.text = std::string(text_);
    if (peek() == '/') {
      path.absolute = true;
      ++pos_;
    }
    core::Status status = steps(path, /*insideFilter=*/false);
    if (!status.isOk()) return status;
    if (pos_ != text_.size()) return error("unexpected '" + std::string(1, text_[pos_]) + "'");
    return path;
  }

 private:
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  core::Status error(const std::string& what) const {
    return core::Status::invalidArgument("path '" + std::string(text_) + "': " + what +
                                         " at character " + std::to_string(pos_ + 1));
  }

  core::Status steps(Path& path, bool insideFilter) {
    while (true) {
      PathStep step;
      const size_t start = pos_;
      while (pos_ < text_.size() && isNameChar(text_[pos_])) ++pos_;
      if (pos_ == start) return error("expected a name");
      step.name = std::string(text_.substr(start, pos_ - start));
      step.element = parseElementRef(step.name);
      while (peek() == '[') {
        ++pos_;
        PathFilter filter;
        core::Status status = this->filter(filter);
        if (!status.isOk()) return status;
        if (peek() != ']') return error("expected ']'");
        ++pos_;
        step.filters.push_back(std::move(filter));
      }
      path.steps.push_back(std::move(step));
      if (peek() != '.') break;
      ++pos_;
    }
    (void)insideFilter;
    return core::Status::ok();
  }

  core::Status filter(PathFilter& filter) {
    if (isDigit(peek())) {
      size_t value = 0;
      while (isDigit(peek())) value = value * 10 + static_cast<size_t>(text_[pos_++] - '0');
      if (value == 0) return error("positions start at 1");
      filter.op = PathFilter::Op::kIndex;
      filter.index = value;
      return core::Status::ok();
    }
    auto subject = std::make_shared<Path>();
    core::Status status = steps(*subject, /*insideFilter=*/true);
    if (!status.isOk()) return status;
    subject->text = subject->steps.empty() ? "" : subject->steps.front().name;
    for (size_t i = 1; i < subject->steps.size(); ++i)
      subject->text += "." + subject->steps[i].name;
    filter.subject = subject;
    if (peek() == ']') {
      filter.op = PathFilter::Op::kExists;
      return core::Status::ok();
    }
    if (peek() == '!' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '=') {
      filter.op = PathFilter::Op::kNotEquals;
      pos_ += 2;
    } else if (peek() == '=') {
      filter.op = PathFilter::Op::kEquals;
      ++pos_;
    } else {
      return error("expected '=', '!=' or ']'");
    }
    std::string value;
    while (pos_ < text_.size() && text_[pos_] != ']') {
      if (text_[pos_] == '|') {
        filter.values.push_back(std::move(value));
        value.clear();
      } else {
        value += text_[pos_];
      }
      ++pos_;
    }
    filter.values.push_back(std::move(value));
    return core::Status::ok();
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

std::optional<ElementRef> parseElementRef(std::string_view text) {
  // TAG (2-3 tag characters, starting with a letter) + 2 digits [+ "-" + 2 digits]
  size_t end = text.size();
  uint32_t component = 0;
  if (end >= 3 && text[end - 3] == '-') {
    if (!isDigit(text[end - 2]) || !isDigit(text[end - 1])) return std::nullopt;
    component = static_cast<uint32_t>((text[end - 2] - '0') * 10 + (text[end - 1] - '0'));
    if (component == 0) return std::nullopt;
    end -= 3;
  }
  if (end < 4 || end > 5) return std::nullopt;
  if (!isDigit(text[end - 2]) || !isDigit(text[end - 1])) return std::nullopt;
  const std::string_view tag = text.substr(0, end - 2);
  if (!std::isupper(static_cast<unsigned char>(tag[0]))) return std::nullopt;
  for (char c : tag) {
    if (!isTagChar(c)) return std::nullopt;
  }
  const uint32_t element =
      static_cast<uint32_t>((text[end - 2] - '0') * 10 + (text[end - 1] - '0'));
  if (element == 0) return std::nullopt;
  return ElementRef{std::string(tag), element, component};
}

core::Result<Path> parsePath(std::string_view text) {
  if (text.empty()) return core::Status::invalidArgument("empty path");
  return Parser(text).parse();
}

}  // namespace bridge::mappings
