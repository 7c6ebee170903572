#include "parsers/flat/csv_writer.h"

#include <optional>
#include <string>
#include <vector>

#include "parsers/flat/json_cell.h"
#include "parsers/flat/spreadsheet_formula.h"

namespace bridge::parsers::flat {
namespace {

struct OutputColumn {
  std::string key;
  std::string header;
};

// One entry per output column; nullopt for a gap between positioned columns.
using ColumnPlan = std::vector<std::optional<OutputColumn>>;

ColumnPlan planFromLayout(const CsvLayout& layout) {
  ColumnPlan plan;
  bool allPositioned = true;
  for (const CsvColumn& column : layout.columns) allPositioned = allPositioned && column.position;
  for (const CsvColumn& column : layout.columns) {
    OutputColumn output{column.name, column.headerText()};
    if (!allPositioned) {
      plan.push_back(std::move(output));
      continue;
    }
    const size_t index = static_cast<size_t>(*column.position - 1);
    if (plan.size() <= index) plan.resize(index + 1);
    plan[index] = std::move(output);
  }
  return plan;
}

bool needsQuotes(std::string_view cell, const CsvLayout& layout) {
  if (cell.empty()) return false;
  if (cell.front() == ' ' || cell.front() == '\t' || cell.back() == ' ' || cell.back() == '\t')
    return true;
  for (char c : cell) {
    if (c == layout.delimiter || c == layout.quote || c == '\r' || c == '\n') return true;
  }
  return false;
}

class CsvEmitter {
 public:
  CsvEmitter(const CsvLayout& layout, std::ostream& out) : layout_(layout), out_(out) {}

  // Appends one cell to the current line; `where` names it in messages.
  core::Status cell(std::string_view text, const std::string& where) {
    if (!first_) line_ += layout_.delimiter;
    first_ = false;
    std::string value = layout_.formulaEscape ? escapeFormula(text) : std::string(text);
    if (needsQuotes(value, layout_)) {
      std::string quoted(1, layout_.quote);
      for (char c : value) {
        if (c == layout_.quote) quoted += c;
        quoted += c;
      }
      quoted += layout_.quote;
      value = std::move(quoted);
    }
    if (auto problem = encodeFromUtf8(value, layout_.encoding, line_)) {
      return core::Status::invalidArgument(
          where + ": " + problem->describe(layout_.encoding) +
          (problem->codePoint ? "; set csv.encoding in the mapping to one that has it (utf-8 has "
                                "every character), or change the value"
                              : "; the mapping produced bytes that are not text"));
    }
    return core::Status::ok();
  }

  core::Status endLine() {
    line_ += lineEndingBytes(layout_.lineEnding);
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
    line_.clear();
    first_ = true;
    if (!out_) return core::Status::ioError("cannot write the CSV output");
    return core::Status::ok();
  }

 private:
  const CsvLayout& layout_;
  std::ostream& out_;
  std::string line_;
  bool first_ = true;
};

core::Status writeRecord(const nlohmann::json& record, size_t index, const ColumnPlan& plan,
                         bool planFromRecord, CsvEmitter& emitter) {
  const std::string name = recordName(index);
  if (!record.is_object()) {
    return core::Status::invalidArgument(name + " is " + describeJsonType(record) +
                                         "; each record must be an object of column values");
  }
  for (const auto& [key, value] : record.items()) {
    bool known = false;
    for (const auto& column : plan) known = known || (column && column->key == key);
    if (!known) {
      return core::Status::invalidArgument(
          name + " has the field '" + key + "', which is not a column (" +
          (planFromRecord ? "the columns are the fields of record 1"
                          : "the columns are listed in csv.columns") +
          "); add the column, or leave the field out in the mapping");
    }
  }
  for (const auto& column : plan) {
    std::string text;
    if (column) {
      const auto found = record.find(column->key);
      if (found != record.end()) {
        const std::optional<std::string> cell = cellText(*found);
        if (!cell) {
          return core::Status::invalidArgument(name + ", field '" + column->key + "' is " +
                                               describeJsonType(*found) +
                                               "; a CSV cell holds a single value");
        }
        text = *cell;
      }
    }
    const std::string where = name + ", field '" + (column ? column->key : std::string()) + "'";
    if (core::Status status = emitter.cell(text, where); !status.isOk()) return status;
  }
  return emitter.endLine();
}

}  // namespace

core::Status writeCsv(const nlohmann::json& document, const CsvLayout& layout, std::ostream& out) {
  const auto records = document.is_object() ? document.find("records") : document.end();
  if (!document.is_object() || records == document.end() || !records->is_array()) {
    return core::Status::invalidArgument(
        "the document to write as CSV has no \"records\" list; a CSV target needs "
        "{\"records\": [{...}, ...]} from the mapping");
  }
  ColumnPlan plan = planFromLayout(layout);
  const bool planFromRecord = plan.empty();
  if (planFromRecord && !records->empty() && records->front().is_object()) {
    for (const auto& [key, value] : records->front().items())
      plan.push_back(OutputColumn{key, key});
  }
  CsvEmitter emitter(layout, out);
  if (layout.header && !plan.empty()) {
    for (const auto& column : plan) {
      const std::string header = column ? column->header : std::string();
      if (core::Status status = emitter.cell(header, "the header of column '" + header + "'");
          !status.isOk())
        return status;
    }
    if (core::Status status = emitter.endLine(); !status.isOk()) return status;
  }
  for (size_t i = 0; i < records->size(); ++i) {
    if (core::Status status = writeRecord((*records)[i], i, plan, planFromRecord, emitter);
        !status.isOk())
      return status;
  }
  out.flush();
  if (!out) return core::Status::ioError("cannot write the CSV output");
  return core::Status::ok();
}

}  // namespace bridge::parsers::flat
